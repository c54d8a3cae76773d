# Shared by the bats suites: $RRM is the binary, $RRM_SOURCE the checkout.
: "${RRM:?set RRM to the rrm binary}"
: "${RRM_SOURCE:?set RRM_SOURCE to the source tree}"
export LC_ALL=C.UTF-8
unset NO_COLOR
