# test_fixtures_valid.sh - the fixture corpus is consistent: JSON parses, the
# archive matches its source, every expected substring is where it is claimed.
source "$(dirname "$0")/lib.sh"
expect_status 0 "fixtures/check_fixtures.py" -- python3 "$QUARRY_SRC/fixtures/check_fixtures.py"
finish
