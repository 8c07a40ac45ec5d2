//! Builds the two Yew apps (`web/`, `admin-web/`) for `wasm32-unknown-unknown`, runs
//! wasm-bindgen on them as a library (same version as the `wasm-bindgen` in Cargo.lock, so no CLI
//! install is needed), and generates `assets.rs`, which embeds every file in the server binary.
//! This is what lets `cargo run --release` serve everything from one port on a fresh machine.

use std::env;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// (folder, package name, URL prefix it is served under)
const APPS: &[(&str, &str)] = &[
    ("web", "majordome-web"),
    ("admin-web", "majordome-admin-web"),
];
const WASM_TARGET: &str = "wasm32-unknown-unknown";
/// The toolkit's stylesheet, shared by both apps (see `ui/`).
const BASE_CSS: &str = "ui/base.css";

fn main() {
    let manifest_dir = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR"));
    let root = manifest_dir.parent().expect("workspace root").to_path_buf();
    let out_dir = PathBuf::from(env::var("OUT_DIR").expect("OUT_DIR"));
    let release = env::var("PROFILE").as_deref() == Ok("release");

    for watched in [
        "Cargo.lock",
        "protocol/src",
        "protocol/Cargo.toml",
        "ui/src",
        "ui/Cargo.toml",
        BASE_CSS,
    ] {
        println!("cargo:rerun-if-changed={}", root.join(watched).display());
    }
    for (folder, _) in APPS {
        for watched in ["src", "Cargo.toml", "index.html", "style.css", "static"] {
            println!(
                "cargo:rerun-if-changed={}",
                root.join(folder).join(watched).display()
            );
        }
    }

    // Escape hatch for back-end work while the front-end is mid-edit: reuse the last built apps
    // (or serve a notice) instead of rebuilding them. Never set in CI or releases.
    println!("cargo:rerun-if-env-changed=MAJORDOME_SKIP_WEB_BUILD");
    if env::var_os("MAJORDOME_SKIP_WEB_BUILD").is_some() {
        println!("cargo:warning=MAJORDOME_SKIP_WEB_BUILD is set: the Yew apps were not rebuilt");
        write_assets(&out_dir, false);
        return;
    }

    ensure_wasm_target();

    // A target dir of its own: the outer cargo holds the lock on the main one.
    let target_dir = root.join("target").join("wasm-apps");
    let mut cargo = Command::new(env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    cargo
        .current_dir(&root)
        .args(["build", "--target", WASM_TARGET, "--target-dir"])
        .arg(&target_dir);
    for (_, package) in APPS {
        cargo.args(["-p", package]);
    }
    if release {
        cargo.arg("--release");
    }
    // Settings meant for the outer (host) build must not leak into the wasm build.
    for var in [
        "RUSTFLAGS",
        "CARGO_ENCODED_RUSTFLAGS",
        "RUSTC_WORKSPACE_WRAPPER",
        "RUSTC_WRAPPER",
        "CARGO_TARGET_DIR",
        "CARGO_BUILD_TARGET",
        "__CARGO_FIX_PLZ",
        "CARGO_PRIMARY_PACKAGE",
    ] {
        cargo.env_remove(var);
    }
    let status = cargo
        .status()
        .expect("failed to run cargo for the wasm apps");
    assert!(
        status.success(),
        "building the Yew apps for {WASM_TARGET} failed"
    );

    let profile_dir = if release { "release" } else { "debug" };
    for (folder, package) in APPS {
        let wasm = target_dir
            .join(WASM_TARGET)
            .join(profile_dir)
            .join(format!("{package}.wasm"));
        let dist = out_dir.join(folder);
        let _ = fs::remove_dir_all(&dist);
        fs::create_dir_all(&dist).expect("create dist dir");
        wasm_bindgen_cli_support::Bindgen::new()
            .input_path(&wasm)
            .web(true)
            .expect("wasm-bindgen web target")
            .typescript(false)
            .debug(!release)
            .out_name("app")
            .generate(&dist)
            .unwrap_or_else(|e| panic!("wasm-bindgen on {}: {e}", wasm.display()));
        let app_dir = root.join(folder);
        fs::copy(app_dir.join("index.html"), dist.join("index.html")).expect("copy index.html");
        write_stylesheet(&root.join(BASE_CSS), &app_dir.join("style.css"), &dist);
        let static_dir = app_dir.join("static");
        if static_dir.is_dir() {
            copy_dir(&static_dir, &dist);
        }
    }
    write_assets(&out_dir, true);
}

/// One `style.css` per app: the shared base first, then the app's own rules, which therefore win
/// on equal specificity. One file keeps it to a single request, as before the split.
fn write_stylesheet(base: &Path, own: &Path, dist: &Path) {
    let read = |path: &Path| {
        fs::read_to_string(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
    };
    let css = format!("{}\n{}", read(base), read(own));
    fs::write(dist.join("style.css"), css).expect("write style.css");
}

/// Generates `assets.rs`, listing every file of each app's dist folder.
fn write_assets(out_dir: &Path, built: bool) {
    let mut generated = String::from("// @generated by backend/build.rs\n");
    for (folder, _) in APPS {
        let dist = out_dir.join(folder);
        if !built && !dist.join("app_bg.wasm").exists() {
            fs::create_dir_all(&dist).expect("create dist dir");
            fs::write(
                dist.join("index.html"),
                "<!doctype html><p>The dashboard was not built (MAJORDOME_SKIP_WEB_BUILD).</p>",
            )
            .expect("write notice");
        }
        let constant = folder.replace('-', "_").to_uppercase();
        generated.push_str(&format!("pub static {constant}: &[(&str, &[u8])] = &[\n"));
        let mut files = Vec::new();
        list_files(&dist, &dist, &mut files);
        files.sort();
        for (rel, abs) in files {
            generated.push_str(&format!("    ({rel:?}, include_bytes!({abs:?})),\n"));
        }
        generated.push_str("];\n");
    }
    fs::write(out_dir.join("assets.rs"), generated).expect("write assets.rs");
}

fn ensure_wasm_target() {
    let Ok(out) = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output()
    else {
        return; // no rustup: trust that the target is available some other way
    };
    if String::from_utf8_lossy(&out.stdout)
        .lines()
        .any(|l| l.trim() == WASM_TARGET)
    {
        return;
    }
    println!("cargo:warning=installing the {WASM_TARGET} target with rustup (first build only)");
    let status = Command::new("rustup")
        .args(["target", "add", WASM_TARGET])
        .status()
        .expect("run rustup");
    assert!(status.success(), "`rustup target add {WASM_TARGET}` failed");
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in fs::read_dir(from).expect("read static dir").flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            fs::create_dir_all(&target).expect("mkdir");
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).expect("copy static file");
        }
    }
}

fn list_files(base: &Path, dir: &Path, out: &mut Vec<(String, String)>) {
    for entry in fs::read_dir(dir).expect("read dist").flatten() {
        let path = entry.path();
        if path.is_dir() {
            list_files(base, &path, out);
        } else {
            let rel = path
                .strip_prefix(base)
                .expect("prefix")
                .to_string_lossy()
                .replace('\\', "/");
            out.push((rel, path.to_string_lossy().into_owned()));
        }
    }
}
