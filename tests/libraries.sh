#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# libraries.sh - what the executable loads. oomtop calls only libproc2's
# meminfo and vmstat readers, which need libc alone, so configure links
# libproc2 from its archive where libproc2.a exists. The shared libproc2
# would load libsystemd and, under it, libcap, libgcrypt, libgpg-error,
# liblzma, libzstd and liblz4: about 2 ms more at every start here, and
# 3.6 MiB more locked by the interactive mode's mlockall (README).
set -u
: "${OOMTOP:?}"

case "${LIBPROC2_LINK:-}" in
    archive) ;;
    static-binary) echo "SKIP: a static binary loads no library"; exit 77 ;;
    shared) echo "SKIP: libproc2 is linked shared (configure found no libproc2.a that links)"; exit 77 ;;
    *) echo "FAIL: LIBPROC2_LINK is not set (run through make check)"; exit 1 ;;
esac

# The dynamic loader lists what it would load, as ldd does.
loaded=$(LD_TRACE_LOADED_OBJECTS=1 "$OOMTOP" 2>&1) || { echo "FAIL: could not list the libraries: $loaded"; exit 1; }
echo "$loaded"
echo "$loaded" | grep -q 'libc\.so' || { echo "FAIL: no library list (libc missing from it)"; exit 1; }
unwanted=$(echo "$loaded" | grep -E 'lib(proc2|systemd|gcrypt|gpg-error|lzma|zstd|lz4|cap)\.so' || true)
if [ -n "$unwanted" ]; then
    echo "FAIL: loads libraries that only the shared libproc2 brings:"
    echo "$unwanted"
    exit 1
fi
echo PASS
