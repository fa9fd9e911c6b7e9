#!/bin/sh
# check-banned.sh: rejects functions we do not use (unbounded or unsafe) in src/, tests/ and bench/ C files.
# Also runs tools/check-init.py. Prints one line per banned function checked and `N passed, N failed`.
cd "$(dirname "$0")/.."
passed=0
failed=0
for fn in sprintf vsprintf strcpy strcat atoi atol gets strtok system; do
	hits=$(grep -rnE "(^|[^_a-zA-Z0-9>.])$fn[[:space:]]*\(" --include='*.c' --include='*.h' src tests bench 2>/dev/null |
		grep -vE "^[^:]+:[0-9]+:[[:space:]]*(/\*|\*|//)" || true)
	if [ -n "$hits" ]; then
		echo "banned function $fn used:"
		echo "$hits" | head -n 20
		failed=$((failed + 1))
	else
		passed=$((passed + 1))
	fi
done
# Local structs are initialised where they are declared (tools/check-init.py says why).
if init=$(/usr/bin/python3 tools/check-init.py src tests bench); then
	passed=$((passed + 1))
else
	echo "$init" | grep -v ' passed, ' | head -n 20
	failed=$((failed + 1))
fi
echo "banned functions: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
