#!/usr/bin/env bash
# Fills fuzz/corpus/<target>/ with seeds from the test fixtures (the corpus itself is not kept).
set -euo pipefail
cd "$(dirname "$0")"
fx=../tests/fixtures
mkdir -p corpus/pack_load corpus/condition corpus/review_load corpus/lens_import
cp ../pillars/*.yaml $fx/packs/*.yaml $fx/invalid-packs/*.yaml corpus/pack_load/
# The alias bomb costs seconds per run in the instrumented build and starves the search; its
# refusal is pinned by tests/invalid_packs.rs.
rm -f corpus/pack_load/alias-bomb.yaml
for f in $fx/packs-v2/*.yaml; do cp "$f" "corpus/pack_load/v2-$(basename "$f")"; done
cp $fx/lenses/*.json corpus/lens_import/
find $fx/reviews $fx/reviews-v2 $fx/bad -name '*.toml' | while IFS= read -r f; do
    cp "$f" "corpus/review_load/$(echo "${f#$fx/}" | tr / _)"
done
# Conditions: every risk rule written in the packs, one per file.
n=0
grep -ho '^ *- \(none\|medium\|high\): .*' ../pillars/*.yaml $fx/packs/*.yaml $fx/invalid-packs/*.yaml |
    sed 's/^ *- [a-z]*: //; s/^"\(.*\)"$/\1/' | sort -u | while IFS= read -r c; do
    n=$((n + 1)); printf '%s' "$c" > "corpus/condition/rule-$n"
done
for d in corpus/*; do echo "$d: $(ls "$d" | wc -l) seeds"; done
