#pragma once

#include <QString>

namespace faultline::test {

// The overview fixture (writeOverviewWorkspace) plus what the Changes view shows beyond it: AI tools
// and evidence on the AI-assisted commits (days 0, 6, 12, 18: "claude-code" by a trailer rule; days 3,
// 9, 15, 21: "copilot" by a message rule), one CI run on the commit of day 3 and an incident that
// names that commit as its cause.
void writeChangesWorkspace(const QString& path);

// The sha of the commit of `day` in the overview fixture.
QString fixtureSha(int day);

} // namespace faultline::test
