#!/usr/bin/env bash
# Usage: scripts/node-binary.sh MAJOR|X.Y.Z → prints the path of a Node.js binary for this machine:
# the newest MAJOR.x, or exactly X.Y.Z. The official binaries are published on the npm registry as
# node-<os>-<arch> packages (the ones the `node` package installs); each is fetched once into
# .cache/node/ (gitignored) and reused until a newer MAJOR.x is published. Needs npm and tar.
set -euo pipefail
spec=${1:?usage: node-binary.sh MAJOR|X.Y.Z}
cd "$(dirname "$0")/.."

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) platform=linux-x64 ;;
  Linux-aarch64 | Linux-arm64) platform=linux-arm64 ;;
  Darwin-x86_64) platform=darwin-x64 ;;
  Darwin-arm64) platform=darwin-arm64 ;;
  *) echo "node-binary.sh: no Node.js binary package for $(uname -sm)" >&2; exit 1 ;;
esac

cache=.cache/node
mkdir -p "$cache"
# `npm view` lists every matching version (one as a string, several as an array).
version=$(npm view --json "node-$platform@$spec" version | node -e '
  const found = JSON.parse(require("fs").readFileSync(0, "utf8"));
  const parts = (v) => v.split(".").map(Number);
  const newer = (a, b) => { const [x, y] = [parts(a), parts(b)]; for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] > y[i]; return false; };
  const all = [].concat(found).filter((v) => /^\d+\.\d+\.\d+$/.test(v));
  if (all.length === 0) process.exit(1);
  process.stdout.write(all.reduce((a, b) => (newer(b, a) ? b : a)));')
dir="$cache/node-$platform-$version"
if [ ! -x "$dir/bin/node" ]; then
  tarball=$(npm pack --silent --pack-destination "$cache" "node-$platform@$version")
  rm -rf "$dir.partial" && mkdir -p "$dir.partial"
  tar -xzf "$cache/$tarball" -C "$dir.partial" --strip-components=1 package/bin/node package/LICENSE
  rm -f "$cache/$tarball"
  mv "$dir.partial" "$dir"
  # For a MAJOR, the older MAJOR.x binary is no longer used (exact versions are kept).
  if [[ $spec =~ ^[0-9]+$ ]]; then
    for old in "$cache/node-$platform-$spec".*; do
      [ "$old" = "$dir" ] || [[ ! -f "$old/.latest" ]] || rm -rf "$old"
    done
    touch "$dir/.latest"
  fi
fi
"$dir/bin/node" --version >/dev/null
echo "$PWD/$dir/bin/node"
