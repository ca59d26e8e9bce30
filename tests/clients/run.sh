#!/usr/bin/env bash
# Client checks: Sanad's exports read by the tools researchers feed them (spaCy, Hugging Face
# datasets, openpyxl, brat-peek's brat standoff reader, Label Studio's converter), in a virtual
# environment kept at target/clients-venv (made again only when requirements.txt changes). Uses
# the debug binary at target/debug/sanad, built as `cargo test` builds it (same features, so after
# `cargo test` nothing is compiled again; `cargo build` would rebuild eframe without the test
# features).
set -euo pipefail
cd "$(dirname "$0")/../.."

VENV=target/clients-venv
REQ=tests/clients/requirements.txt
if [ ! -x "$VENV/bin/python" ] || ! cmp -s "$REQ" "$VENV/requirements.txt"; then
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check -r "$REQ"
  cp "$REQ" "$VENV/requirements.txt"
fi

cargo test --no-run --test integration
export SANAD_BIN="$PWD/target/debug/sanad"
# No network for the readers: datasets and spaCy must work from the files alone.
export HF_DATASETS_OFFLINE=1 HF_HUB_OFFLINE=1 HF_HUB_DISABLE_TELEMETRY=1
"$VENV/bin/python" -m pytest -q -p no:cacheprovider tests/clients "$@"
