#!/usr/bin/env bash
# Regenerates the office and PDF samples in ../resources/samples from the OpenDocument sources
# here, with a headless LibreOffice (the samples are committed; the build never runs this).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
soffice --headless --convert-to docx --outdir "$out" "$here/sample-docx.fodt"
soffice --headless --convert-to pptx --outdir "$out" "$here/sample-pptx.fodp"
soffice --headless --convert-to xlsx --outdir "$out" "$here/sample-xlsx.fods"
soffice --headless --convert-to pdf --outdir "$out" "$here/sample-pdf.fodt"
samples="$here/../resources/samples"
mkdir -p "$samples"
for format in docx pptx xlsx pdf; do
  cp "$out/sample-$format.$format" "$samples/sample.$format"
done
