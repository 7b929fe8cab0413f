// `import ci` of one GitLab job trace (GitLabTraceReader: section markers, FF_TIMESTAMPS prefixes,
// continuations, carriage returns) attached with --job to a job of tests/data/gitlab-ci, so that
// the sections become steps. Rolled back; ImportError is the expected outcome of bad input.
#include "fuzz_support.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    faultline::fuzz::prepareCiWorkspace({ QStringLiteral("gitlab-ci/jobs_for_traces.json") });
    const QString path = faultline::fuzz::writeInput(data, size, QStringLiteral("trace.log"));
    faultline::importers::ci::CiImportOptions options;
    options.jobId = QStringLiteral("8802001");
    faultline::fuzz::importCiFile(path, faultline::importers::ci::CiFormat::GitLabTrace, options);
    return 0;
}
