// `import ci` of one JUnit XML report (importers/ci/junit_xml.cpp through XmlTextSplitter and
// QXmlStreamReader): detection, import, rollback. ImportError is the expected outcome of bad input;
// entity expansion must be refused, not followed.
#include "fuzz_support.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QString path = faultline::fuzz::writeInput(data, size, QStringLiteral("report.xml"));
    faultline::importers::ci::CiImportOptions options;
    options.commitSha = QStringLiteral("0123456789abcdef0123456789abcdef01234567");
    faultline::fuzz::importCiFile(path, faultline::importers::ci::CiFormat::JUnitXml, options);
    return 0;
}
