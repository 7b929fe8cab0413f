// `import ci --format` of one GitHubJson file (importers/ci): format detection, then the family's importer
// into the scratch workspace, rolled back. ImportError is the expected outcome of bad input.
#include "fuzz_support.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QString path = faultline::fuzz::writeInput(data, size, QStringLiteral("input.json"));
    faultline::fuzz::importCiFile(path, faultline::importers::ci::CiFormat::GitHubJson);
    return 0;
}
