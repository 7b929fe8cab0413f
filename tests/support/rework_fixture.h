#pragma once

#include <QString>

#include <cstdint>

namespace faultline::test {

// A small workspace for the Rework and Incidents views, from a scratch git repository imported with
// the real importer (so churn and lines at head are what the importer stores) plus two deployments and
// three incidents of service "shop". t0 = kEpoch (git_scratch.h).
//   C0 t0      not AI  src/app/main.c m1..m20, src/lib/util.c u1..u10, docs/guide.md g1..g5   added 35
//   C1 t0+1d   AI      src/lib/util.c += u11..u20                                             added 10
//   C2 t0+2d   not AI  util.c u11..u14 rewritten (C1's, AI); main.c m1..m3 rewritten (C0's)   added 7
//   C3 t0+3d   AI      main.c m10 rewritten (C0's)                                            added 1
// Churn: main.c 4 lines (C0's, not AI), util.c 4 lines (C1's, AI). Lines at head: main.c 20, util.c 20,
// guide.md 5. Deployments shop-0 (C0, t0+1h), shop-1 (C1, t0+1d+1h: changeset C1) and shop-2
// (C3, t0+3d+1h: changeset C2, C3). Incidents: INC-1 "Checkout
// fails with error 500" (t0+1d+2h, resolved 2 h later, caused by shop-1), INC-2 "Checkout fails with
// error 502" (t0+2d, resolved 1 h later: a repeat of INC-1), INC-3 "Disk full on db-1" (t0+3d+2h,
// resolved 3 h later, caused by shop-2).
struct ReworkFixture
{
    QString workspace;
    QString c[4]; // commit shas
};

// Returns false (with a QTest message) when git is not available.
bool writeReworkWorkspace(const QString& dir, ReworkFixture& out);

} // namespace faultline::test
