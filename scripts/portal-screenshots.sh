#!/usr/bin/env bash
# Refreshes the screenshots in docs/portal/ from the staff portal's browser tests: runs them (each page they visit is
# checked with axe-core and saved full page to TestResults/portal/), then stores each as a small palette PNG with
# pngquant (apt-get install -y pngquant). Build the solution first.
#
# Usage: scripts/portal-screenshots.sh [Release|Debug]
set -euo pipefail
cd "$(dirname "$0")/.."
configuration=${1:-Release}
command -v pngquant >/dev/null 2>&1 || { echo "portal-screenshots: pngquant is needed (apt-get install -y pngquant)" >&2; exit 2; }
rm -rf TestResults/portal
dotnet test tests/Concordat.Server.Tests -c "$configuration" --no-build -nologo --filter "FullyQualifiedName~Portal.Staff" >/dev/null
mkdir -p docs/portal
for shot in TestResults/portal/*.png; do
  pngquant --quality 40-80 --speed 1 --strip --force --output "docs/portal/$(basename "$shot")" "$shot"
done
echo "$(ls TestResults/portal/*.png | wc -l) screenshots in docs/portal ($(du -sh docs/portal | cut -f1))"
