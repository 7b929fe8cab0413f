#pragma once

// Helpers shared by the deploy, incident, pull request and linking tests: `import deploys|incidents|
// prs` with options, and expected failures. Reading results back: ci_test_support.h.

#include "ci_test_support.h"
#include "common/file_import.h"

namespace faultline::test {

// One `import <kind>` command on the workspace file, through a connection of its own.
importers::FileImportReport importFiles(const QString& workspace, const importers::FileImportKind& kind,
                                        const QStringList& inputs, importers::FileImportOptions options = {});

// An import that must fail with an ImportError naming every one of `parts` and leave the workspace
// file byte for byte as it was. Returns the message.
QString verifyFileImportFails(const QString& workspace, const importers::FileImportKind& kind,
                              const QStringList& inputs, const importers::FileImportOptions& options,
                              const QStringList& parts);

} // namespace faultline::test
