#pragma once

#include "demo/demo_plan.h"

#include <QString>

#include <vector>

namespace faultline::demo {

// Creates the plan's repository at `dir` with libgit2 (linear history on main, authors and markers as
// planned, git-ai notes in refs/notes/ai); returns each commit's sha, by index into Plan::commits.
// Throws importers::ImportError (a std::runtime_error) naming what libgit2 refused.
std::vector<QString> writeGitRepository(const Plan& plan, const QString& dir);

} // namespace faultline::demo
