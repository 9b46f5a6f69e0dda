# Sourced by scripts/build-page.sh, scripts/build-pkg.sh and scripts/bench-js.sh: the "small" Wasm build, nightly Rust
# with the standard library rebuilt for wasm32 (-Zbuild-std=std,panic_abort, std feature
# optimize_for_size), -Cpanic=immediate-abort (a panic is a bare trap: no message formatting, no
# panic machinery) and -Zlocation-detail=none (no file/line/column strings). Sizes and the reasons
# for each flag: README.md "Page size". Nothing here relies on catching a panic: nothing panics on
# any input (ARCHITECTURE.md), and immediate-abort only changes what a bug costs.
#
# KP_NIGHTLY names the nightly toolchain (default `nightly`; e.g. nightly-2026-05-19 to pin one).
# scripts/setup.sh installs it; without it the build scripts say so and build with stable.

kp_nightly="${KP_NIGHTLY:-nightly}"

# Nightly is usable when rustup has it with rust-src (build-std's sources), the wasm32 target,
# and the standard library's own dependencies in cargo's cache (builds run offline).
# (RUSTUP_AUTO_INSTALL=0: asking is not installing; scripts/setup.sh installs.)
kp_nightly_ready() {
  local sysroot
  sysroot=$(RUSTUP_AUTO_INSTALL=0 rustup run "$kp_nightly" rustc --print sysroot 2>/dev/null) || return 1
  [ -f "$sysroot/lib/rustlib/src/rust/library/Cargo.lock" ] && [ -d "$sysroot/lib/rustlib/wasm32-unknown-unknown/lib" ] &&
    RUSTUP_AUTO_INSTALL=0 rustup run "$kp_nightly" cargo fetch -q --offline --manifest-path "$sysroot/lib/rustlib/src/rust/library/Cargo.toml" >/dev/null 2>&1
}

# kp_small TARGET_DIR EXTRA_RUSTFLAGS COMMAND...: runs COMMAND (cargo, or trunk, which runs
# `cargo build --target wasm32-unknown-unknown`) with the small build's environment. With
# --target, RUSTFLAGS reach only the target, never build scripts or proc macros. Each caller
# has its own TARGET_DIR, so neither the stable artifacts nor the other small build's are evicted.
kp_small() {
  local target_dir=$1 extra=$2
  shift 2
  env -u CARGO_ENCODED_RUSTFLAGS \
    RUSTUP_TOOLCHAIN="$kp_nightly" \
    CARGO_TARGET_DIR="$target_dir" \
    CARGO_UNSTABLE_BUILD_STD=std,panic_abort \
    CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size \
    RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none${extra:+ $extra}" \
    "$@"
}

# kp_options SCRIPT DIR_OPTION DEFAULT_DIR ARGS...: the build scripts' options: --small (the
# default), --stable, and DIR_OPTION DIR (or DIR_OPTION=DIR, e.g. --out, --dist). Sets kp_mode_asked
# and kp_dir; anything else is refused with SCRIPT's name and exit code 2.
kp_options() {
  local script=$1 option=$2
  kp_dir=$3 kp_mode_asked=small
  shift 3
  while [ $# -gt 0 ]; do
    case "$1" in
      --small) kp_mode_asked=small ;;
      --stable) kp_mode_asked=stable ;;
      "$option") kp_dir="${2:?$script: $option needs a directory}"; shift ;;
      "$option"=*) kp_dir="${1#"$option"=}" ;;
      *) echo "$script: unknown option $1 (--small, --stable, $option DIR)" >&2; exit 2 ;;
    esac
    shift
  done
}

# kp_target_dir MODE NAME: the target directory of a MODE build ($CARGO_TARGET_DIR or target;
# then /NAME for a small one, so it evicts neither the stable artifacts nor another small build's).
kp_target_dir() {
  local dir="${CARGO_TARGET_DIR:-$PWD/target}"
  if [ "$1" = small ]; then echo "$dir/$2"; else echo "$dir"; fi
}

# kp_cargo MODE TARGET_DIR ARGS...: cargo ARGS with MODE's toolchain (small: kp_small's
# environment; stable: the default toolchain), in TARGET_DIR.
kp_cargo() {
  local mode=$1 target_dir=$2
  shift 2
  if [ "$mode" = small ]; then kp_small "$target_dir" "" cargo "$@"; else CARGO_TARGET_DIR="$target_dir" cargo "$@"; fi
}

# The small build's extra flags for modules built for size (the page's, the JS package's browser
# entry): sha2's compact software backend (README.md "Page size").
kp_size_flags='--cfg sha2_backend_soft="compact"'

# kp_size_target_dir MODE: where the modules built for size go: the page's target directory (for
# a small build kp_target_dir's /small), so one rebuilt standard library serves them all.
kp_size_target_dir() { kp_target_dir "$1" small; }

# kp_cargo_for_size MODE ARGS...: cargo ARGS for a module built for size, in kp_size_target_dir.
# Small: kp_small with kp_size_flags; stable: kp_cargo's.
kp_cargo_for_size() {
  local mode=$1
  shift
  if [ "$mode" = small ]; then
    kp_small "$(kp_size_target_dir small)" "$kp_size_flags" cargo "$@"
  else
    kp_cargo stable "$(kp_size_target_dir stable)" "$@"
  fi
}

# kp_module MODE PROFILE PACKAGE OUT_DIR NAME WASM_OPT_LEVEL [CARGO_ARGS...]: one Wasm module of the
# JS package or of its benchmark's floor. PACKAGE is built for wasm32 with PROFILE (release-wasm:
# the size build, kp_cargo_for_size; any other: kp_cargo in the small-pkg target directory), then
# wasm-bindgen --target web writes NAME.js and NAME_bg.wasm into OUT_DIR, then scripts/wasm-opt.sh
# runs at WASM_OPT_LEVEL (empty: its size passes).
kp_module() {
  local mode=$1 profile=$2 package=$3 out=$4 name=$5 level=$6 dir
  shift 6
  local args=(build -q --target wasm32-unknown-unknown --profile "$profile" -p "$package" "$@")
  if [ "$profile" = release-wasm ]; then
    dir=$(kp_size_target_dir "$mode")
    kp_cargo_for_size "$mode" "${args[@]}"
  else
    dir=$(kp_target_dir "$mode" small-pkg)
    kp_cargo "$mode" "$dir" "${args[@]}"
  fi
  wasm-bindgen --target web --out-dir "$out" --out-name "$name" "$dir/wasm32-unknown-unknown/$profile/${package//-/_}.wasm"
  WASM_OPT_LEVEL=$level bash scripts/wasm-opt.sh "$out/${name}_bg.wasm"
}

# kp_mode SCRIPT WHAT MODE: MODE, or `stable` (said on stderr) when MODE is `small` and nightly
# is not ready. WHAT names what is built ("page", "package").
kp_mode() {
  if [ "$3" = small ] && ! kp_nightly_ready; then
    echo "$1: $kp_nightly Rust with rust-src, wasm32-unknown-unknown and its std's crates is not installed" \
      "(scripts/setup.sh installs it): building the stable $2 instead" >&2
    echo stable
  else
    echo "$3"
  fi
}

# kp_built SCRIPT MODE DIR: the scripts' last line, which the test stages read
# ("SCRIPT: built small (rustc …) into DIR" or "SCRIPT: built stable (rustc …) into DIR").
kp_built() {
  if [ "$2" = small ]; then
    echo "$1: built small ($(rustup run "$kp_nightly" rustc -V), build-std, immediate-abort) into $3"
  else
    echo "$1: built stable ($(rustc -V)) into $3"
  fi
}
