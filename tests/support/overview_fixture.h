#pragma once

#include <QString>

#include <cstdint>

namespace faultline::test {

// A small linked workspace for the GUI tests: repository "shop" with 24 daily commits (every third
// AI-assisted), 8 merged pull requests, and production deployments of two services — "shop" every
// other day (one of them failed) and "api" weekly — plus a staging deployment. Times are days after
// kOverviewBase; the latest activity is on day 23.
inline constexpr std::int64_t kOverviewBase = 1772409600000LL; // 2026-03-02T00:00:00Z
inline constexpr int kShopProductionDeployments = 12;
inline constexpr int kApiProductionDeployments = 4;

void writeOverviewWorkspace(const QString& path);

} // namespace faultline::test
