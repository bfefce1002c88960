#!/usr/bin/env bash
# Regenerates the bundled IP→ASN table detect/src/main/resources/io/aitmdefense/detect/enrich/asn-ranges.bin.gz
# from the CC BY 4.0 npm package @ip-location-db/asn (RouteViews, NRO/RIR and DB-IP data; see NOTICE).
#
# Needs npm, a JDK 17 and Maven. The package version and its checksum are pinned so a rebuild gives the same
# bytes; to refresh the data, change both, run this, update the version/date in NOTICE and commit the result.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGE=@ip-location-db/asn
VERSION=2.3.2026061719
SHA1=ab2cb6488fbf93ee2e36df0392abde3ddc0dd7e8   # `npm view $PACKAGE@$VERSION dist.shasum`
OUT=detect/src/main/resources/io/aitmdefense/detect/enrich/asn-ranges.bin.gz

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "downloading $PACKAGE@$VERSION" >&2
tarball=$(cd "$work" && npm pack --silent "$PACKAGE@$VERSION")
actual=$(sha1sum "$work/$tarball" | cut -d' ' -f1)
if [ "$actual" != "$SHA1" ]; then
  echo "checksum mismatch for $tarball: expected $SHA1, got $actual" >&2
  exit 1
fi
tar -xzf "$work/$tarball" -C "$work" package/asn-ipv4.csv package/asn-ipv6.csv

# The converter lives in detect's test sources (one format, held by a round-trip test to the reader).
mvn -B -ntp -q -pl detect -am test-compile
classpath=detect/target/classes:detect/target/test-classes:events/target/classes
java -cp "$classpath" io.aitmdefense.detect.enrich.AsnRangeTableWriter \
  "$work/package/asn-ipv4.csv" "$work/package/asn-ipv6.csv" "$OUT" "$PACKAGE $VERSION"
ls -l "$OUT" >&2
