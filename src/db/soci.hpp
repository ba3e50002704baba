#pragma once
// The one way into SOCI. Debian's soci-config.h claims Boost support, but libsoci-dev does
// not depend on Boost: without these #undefs <soci/soci.h> fails on a machine that lacks
// libboost-dev (a fresh CI machine). migrator uses no Boost type through SOCI.
#include <soci/soci-config.h>
#undef SOCI_HAVE_BOOST
#undef SOCI_HAVE_BOOST_DATE_TIME
#include <soci/soci.h>
