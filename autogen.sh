#!/bin/sh
# autogen.sh - generate configure and Makefile.in from a fresh clone.
set -e
cd "$(dirname "$0")"
mkdir -p m4
autoreconf --install --force
