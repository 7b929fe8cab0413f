#pragma once

#include <QString>
#include <QStringList>

#include <cstdint>
#include <functional>

namespace faultline::demo {

struct DemoResult
{
    QString workspace; // <dir>/demo.faultline
    QString repository; // <dir>/shop
    QStringList exports; // the files written under <dir>/exports
    int commits = 0;
    int pulls = 0;
    int runs = 0;
    int deployments = 0;
    int incidents = 0;
    int aiAssistedCommits = 0;
};

// What the demo is doing, for the command's progress lines.
using DemoProgress = std::function<void(const QString& step)>;

// Builds the demo team of `seed` in `dir`: plans it, writes the git repository and the exports in
// their real formats, and imports them through the real importers into <dir>/demo.faultline. `dir`
// must be empty, missing, or an earlier demo's directory (which is rebuilt); anything else is refused
// so that a mistyped --dir never deletes a user's files. Throws std::runtime_error with a message for
// the user.
DemoResult buildDemo(const QString& dir, std::uint32_t seed, const DemoProgress& progress = {});

} // namespace faultline::demo
