#!/usr/bin/env bash
# After the consumer application's build (src/it/consumer-app): fails unless its ITs really ran on a Liberty where
# both applications deployed, with the module jar this build made, resolved from the isolated repository.
# usage: consumer-app-guard.sh IT_DIR MODULE_JAR IT_REPO
set -euo pipefail
it=$1 jar=$2 repo=$3
fail() { echo "consumer-app guard: $*" >&2; exit 1; }

reports="$it/target/failsafe-reports"
ls "$reports"/TEST-*.xml >/dev/null 2>&1 || fail "no failsafe report in $reports: the consumer's ITs did not run"
tests=0 bad=0
for report in "$reports"/TEST-*.xml; do
  suite=$(grep -m1 -o '<testsuite [^>]*>' "$report")
  for attribute in tests failures errors skipped; do
    value=$(sed -n "s/.* $attribute=\"\([0-9]*\)\".*/\1/p" <<<"$suite")
    if [ "$attribute" = tests ]; then tests=$((tests + value)); else bad=$((bad + value)); fi
  done
done
[ "$tests" -ge 6 ] || fail "only $tests consumer ITs ran (expected at least 6)"
[ "$bad" -eq 0 ] || fail "$bad consumer ITs failed, erred or were skipped"

logs="$it/target/liberty/wlp/usr/servers/consumerServer/logs"
for app in consumer-a consumer-b; do
  grep -q "CWWKZ0001I: Application $app started" "$logs/messages.log" || fail "$app did not start on Liberty"
done
if grep -qs "No SLF4J providers" "$logs/messages.log" "$logs/console.log"; then
  fail "Jedis' logging reached no SLF4J provider (slf4j-jdk14 missing from the application)"
fi

version=$(basename "$jar" .jar); version=${version#devcycle-redis-cache-}
[ -f "$repo/dev/devcycle/devcycle-redis-cache/$version/devcycle-redis-cache-$version.pom" ] \
  || fail "the module's pom is not in the isolated repository $repo"
want=$(sha256sum "$jar" | cut -d' ' -f1)
for war in "$it/target/consumer-a.war" "$it/target/consumer-b.war"; do
  got=$(unzip -p "$war" "WEB-INF/lib/devcycle-redis-cache-$version.jar" | sha256sum | cut -d' ' -f1)
  [ "$got" = "$want" ] || fail "$war does not hold the module jar this build made"
  # The listing in a variable: grep -q on a pipe would end unzip early, which pipefail counts as a failure.
  listing=$(unzip -l "$war")
  [[ "$listing" != *zstd-jni* ]] || fail "$war holds zstd-jni, an optional dependency of the module"
  [[ "$listing" == *WEB-INF/lib/jedis-* ]] || fail "$war lacks Jedis, a dependency of the module"
  [[ "$listing" == *WEB-INF/lib/caffeine-* ]] || fail "$war lacks Caffeine, a dependency of the module"
done
echo "consumer-app guard: $tests ITs passed on Liberty with consumer-a and consumer-b deployed"
