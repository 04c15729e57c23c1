//! Embeds every rule file under `rules/` in the binary, twice: as written
//! (for `explain`, `test-rules`, SARIF help and the docs) and without its
//! `docs` and `examples` (what a check run needs, several times faster to parse).

use std::path::{Path, PathBuf};

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect(&p, out);
        } else if p.extension().is_some_and(|x| x == "toml") {
            out.push(p);
        }
    }
}

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    let rules = root.join("rules");
    println!("cargo:rerun-if-changed=rules");
    let mut files = Vec::new();
    collect(&rules, &mut files);
    files.sort();
    let mut code = String::from("pub static RULES: &[(&str, &str)] = &[\n");
    let mut lean = String::from("pub static LEAN: &[(&str, &str)] = &[\n");
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        let rel = f
            .strip_prefix(&root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        code.push_str(&format!(
            "    ({rel:?}, include_str!({:?})),\n",
            f.display().to_string()
        ));
        // A file that does not parse is embedded as it is: loading it reports
        // the error with its position.
        let text = std::fs::read_to_string(f).unwrap();
        let stripped = match text.parse::<toml::Table>() {
            Ok(mut table) => {
                table.remove("docs");
                table.remove("examples");
                toml::to_string(&table).unwrap_or(text)
            }
            Err(_) => text,
        };
        lean.push_str(&format!("    ({rel:?}, {stripped:?}),\n"));
    }
    code.push_str("];\n");
    lean.push_str("];\n");
    code.push_str(&lean);
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("builtin_rules.rs");
    std::fs::write(out, code).unwrap();
}
