// CsvReader (importers/common/csv_reader.h): libcsv fed line by line, BOM/UTF-16/UTF-8 checks.
// Reads the header and every row; ImportError is the expected outcome of bad input.
#include "common/csv_reader.h"
#include "common/import_error.h"
#include "fuzz_support.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace faultline::importers;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    CsvReader::looksLikeCsv(faultline::fuzz::bytes(data, size).left(4096));
    const QString path = faultline::fuzz::writeInput(data, size, QStringLiteral("input.csv"));
    try {
        CsvReader reader(path);
        const CsvColumns columns(reader,
                                 { { QStringLiteral("id"), { QStringLiteral("key") }, false },
                                   { QStringLiteral("created_at"), {}, false } });
        qint64 lastLine = 0;
        while (const auto row = reader.next()) {
            // Rows come in file order. Two rows may share a line: libcsv also ends a record at a
            // bare CR, which is no line break for the reader's '\n' line numbers.
            if (reader.line() < lastLine || reader.line() < 1)
                std::abort();
            lastLine = reader.line();
            columns.value(*row, QStringLiteral("id"));
            columns.value(*row, QStringLiteral("created_at"));
        }
    } catch (const ImportError&) { }
    return 0;
}
