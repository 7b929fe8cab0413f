#pragma once

#include "ci/ci_context.h"
#include "common/file_import.h"

#include <QByteArray>
#include <QString>

#include <cstddef>
#include <cstdint>
#include <optional>

namespace faultline::store {
class Workspace;
}

// Shared plumbing of the libFuzzer targets. The parsers that take a path get the fuzzer's bytes in a
// file of a per-process temporary folder; imports run against a workspace in the same folder and are
// never committed, so every input starts from the same workspace and the file does not grow.
namespace faultline::fuzz {

// The bytes as a QByteArray (deep copy: the fuzzer's buffer must not be kept).
QByteArray bytes(const std::uint8_t* data, std::size_t size);

// Writes the bytes to `fileName` in the scratch folder and returns its path. The name matters to
// importers that read ids from it (job_<id>.txt), so each target picks a neutral one.
QString writeInput(const std::uint8_t* data, std::size_t size, const QString& fileName);

// The scratch workspace. Created on first use; `prepare` (fixture files of tests/data, imported and
// committed once) gives the log and trace targets runs and jobs to attach to.
store::Workspace& workspace();

// Imports fixture files once (first call) into the scratch workspace with `import ci`, committed.
// The fixtures are looked up under FAULTLINE_FUZZ_DATA (set by the build to tests/data).
void prepareCiWorkspace(const QStringList& fixtures);

// `import ci --format <format>` of one file as CiImporter::run() does it (detection first, which
// must not fail in any other way than ImportError), rolled back at the end. ImportError is the
// expected outcome of bad input; any other exception escapes and libFuzzer reports it.
void importCiFile(const QString& path, importers::ci::CiFormat format,
                  const importers::ci::CiImportOptions& options = {});

// `import deploys|incidents|prs` of one file: content detection, then the detected format's
// importer, rolled back at the end. ImportError is expected; anything else is a finding.
void importKindFile(const QString& path, const importers::FileImportKind& kind);

} // namespace faultline::fuzz
