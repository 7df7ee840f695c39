#!/usr/bin/env bash
# The system tools the demo and the tests use, installed with apt-get when run as root.
# It never fails the setup: it says plainly what is still missing and how to get it.
#   catdoc, antiword        DOC and WPS attachments
#   tesseract-ocr(-chi-sim) OCR of scanned PDFs; fonts-wqy-microhei prints the testbed's scans
#   chromium(-driver)       the crawler's browser (JavaScript challenges, lists built by script)
#                           and the corpus browser test
set -u

has_chi_sim() { tesseract --list-langs 2>/dev/null | grep -qx chi_sim; }
has_cjk_font() { [ -n "$(fc-list :lang=zh file 2>/dev/null)" ]; }

missing_packages() {
    local missing=()
    command -v catdoc >/dev/null || missing+=(catdoc)
    command -v antiword >/dev/null || missing+=(antiword)
    command -v tesseract >/dev/null || missing+=(tesseract-ocr)
    has_chi_sim || missing+=(tesseract-ocr-chi-sim)
    has_cjk_font || missing+=(fonts-wqy-microhei)
    command -v chromium >/dev/null || missing+=(chromium)
    command -v chromedriver >/dev/null || missing+=(chromium-driver)
    echo "${missing[@]}"
}

read -r -a need <<<"$(missing_packages)"
[ ${#need[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    echo "system tools: installing ${need[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null 2>&1 || echo "system tools: apt-get update failed" >&2
    if ! apt-get install -y -qq "${need[@]}" >/dev/null 2>&1; then
        for package in "${need[@]}"; do  # one at a time, to install what can be
            apt-get install -y -qq "$package" >/dev/null 2>&1 \
                || echo "system tools: could not install $package" >&2
        done
    fi
    read -r -a need <<<"$(missing_packages)"
    [ ${#need[@]} -eq 0 ] && exit 0
fi

cat >&2 <<MESSAGE
system tools: NOT installed: ${need[*]}
  Without them DOC/WPS attachments are 'unsupported', scanned PDFs are not OCR'd and the
  tests that need them are skipped. On Debian or Ubuntu, as root: apt-get install ${need[*]}
MESSAGE
exit 0
