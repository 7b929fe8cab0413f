// `import ci` of one GitHub Actions run log zip (libzip; member names, `../` paths, per-step and
// whole-job files) attached with --run to a run of tests/data/github-actions. Rolled back;
// ImportError is the expected outcome of a bad archive.
#include "fuzz_support.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    faultline::fuzz::prepareCiWorkspace({ QStringLiteral("github-actions/run_single.json"),
                                          QStringLiteral("github-actions/jobs_long.json") });
    const QString path = faultline::fuzz::writeInput(data, size, QStringLiteral("logs.zip"));
    faultline::importers::ci::CiImportOptions options;
    options.runId = QStringLiteral("7301000003");
    faultline::fuzz::importCiFile(path, faultline::importers::ci::CiFormat::GitHubLogArchive, options);
    return 0;
}
