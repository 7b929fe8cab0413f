#pragma once

#include <QString>

namespace faultline::test {

// The demo team's CI, deploy, incident and pull request exports (plan seed 1) written under `folder`,
// with stand-in commit shas: data the real importers read, for tests that import through the binary.
void writeDemoExports(const QString& folder);

} // namespace faultline::test
