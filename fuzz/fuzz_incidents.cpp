// `import incidents` of one file (importers/incidents): content detection picks the format (JSON, JSON Lines,
// YAML or CSV), then its importer writes into the scratch workspace, rolled back. ImportError is the
// expected outcome of bad input.
#include "fuzz_support.h"
#include "incidents/incident_import.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QString path = faultline::fuzz::writeInput(data, size, QStringLiteral("export"));
    faultline::fuzz::importKindFile(path, faultline::importers::incidents::importKind());
    return 0;
}
