//! The platform admin app, served by the backend at `/admin/` (see `backend/build.rs`).

fn main() {
    majordome_admin_web::run();
}
