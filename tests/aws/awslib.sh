# tests/aws/awslib.sh: the set-up both AWS scripts share (sourced, POSIX
# sh): the suite's helpers (tests/lib.sh), a skip when botocore's service
# model is missing, and $HERE, $DB and an empty transcript $OUT.
SUITE=aws
. "$top_srcdir/tests/lib.sh"

if ! python3 -c 'import botocore.session' > /dev/null 2>&1; then
   echo "SKIP: python3-botocore is needed for the Well-Architected API model"
   exit 77
fi

HERE="$top_srcdir/tests/aws"
DB="$TMP/walens.db"
OUT="$TMP/transcript"
: > "$OUT"
