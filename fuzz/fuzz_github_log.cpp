// `import ci` of one GitHub Actions job log (LogLineReader, parseGitHubLogLine, GitHubStepMapper,
// LogScanner) attached with --job to a job of tests/data/github-actions that has 20 steps, so that
// lines are mapped to steps. Rolled back; ImportError is the expected outcome of bad input.
#include "fuzz_support.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    faultline::fuzz::prepareCiWorkspace({ QStringLiteral("github-actions/run_single.json"),
                                          QStringLiteral("github-actions/jobs_long.json") });
    const QString path = faultline::fuzz::writeInput(data, size, QStringLiteral("job.txt"));
    faultline::importers::ci::CiImportOptions options;
    options.jobId = QStringLiteral("19500000501");
    faultline::fuzz::importCiFile(path, faultline::importers::ci::CiFormat::GitHubJobLog, options);
    return 0;
}
