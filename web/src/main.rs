//! The operator dashboard, served by the backend at `/` (see `backend/build.rs`).

fn main() {
    majordome_web::run();
}
