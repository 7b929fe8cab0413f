#include "csv_reader.h"

#include "import_error.h"

#include <QStringDecoder>

#include <csv.h>

namespace faultline::importers {

namespace {

bool isBlank(const QByteArray& line)
{
    for (char c : line)
        if (c != '\r' && c != '\n' && c != ' ' && c != '\t')
            return false;
    return true;
}

} // namespace

CsvReader::CsvReader(const QString& path)
    : m_path(path)
    , m_file(path)
    , m_parser(std::make_unique<csv_parser>())
{
    if (!m_file.open(QIODevice::ReadOnly))
        throw ImportError(QStringLiteral("%1: cannot read: %2").arg(path, m_file.errorString()));
    m_size = m_file.size();
    const QByteArray head = m_file.peek(4);
    if (head.startsWith("\xff\xfe") || head.startsWith("\xfe\xff"))
        fail(1, QStringLiteral("the file is UTF-16; save it as UTF-8"));
    if (head.startsWith("\xef\xbb\xbf"))
        m_file.skip(3);
    if (csv_init(m_parser.get(), CSV_STRICT | CSV_STRICT_FINI) != 0)
        throw ImportError(QStringLiteral("%1: cannot set up the CSV parser").arg(path));
    // A constructor that throws runs no destructor: free libcsv's buffer here when the header row
    // is bad (found by fuzz_csv: every refused CSV file leaked it).
    try {
        auto header = next();
        if (!header)
            fail(1, QStringLiteral("the file is empty; expected a header row"));
        m_header = *header;
    } catch (...) {
        csv_free(m_parser.get());
        throw;
    }
}

CsvReader::~CsvReader()
{
    csv_free(m_parser.get());
}

void CsvReader::fail(qint64 line, const QString& message) const
{
    throw ImportError(QStringLiteral("%1:%2: %3").arg(m_path).arg(line).arg(message));
}

void CsvReader::onField(void* data, size_t size, void* self)
{
    auto* reader = static_cast<CsvReader*>(self);
    QStringDecoder decoder(QStringDecoder::Utf8, QStringConverter::Flag::Stateless);
    QString field = decoder(QByteArrayView(static_cast<const char*>(data), qsizetype(size)));
    if (decoder.hasError() && reader->m_fieldError.isEmpty())
        reader->m_fieldError = QStringLiteral("invalid UTF-8 in field %1").arg(reader->m_fields.size() + 1);
    if (field.contains(QChar(0)) && reader->m_fieldError.isEmpty())
        reader->m_fieldError = QStringLiteral("NUL byte in field %1").arg(reader->m_fields.size() + 1);
    reader->m_fields << field;
}

void CsvReader::onRow(int, void* self)
{
    // Never throws: an exception must not unwind through libcsv's C frames. feedLine() reports it.
    auto* reader = static_cast<CsvReader*>(self);
    if (!reader->m_fieldError.isEmpty() && reader->m_errorLine == 0)
        reader->m_errorLine = reader->m_rowStart ? reader->m_rowStart : reader->m_lineNumber;
    reader->m_rows.push_back(
        { std::move(reader->m_fields), reader->m_rowStart ? reader->m_rowStart : reader->m_lineNumber });
    reader->m_fields.clear();
    reader->m_rowStart = 0;
}

void CsvReader::throwFieldError() const
{
    if (m_errorLine != 0)
        fail(m_errorLine, m_fieldError);
}

bool CsvReader::feedLine()
{
    if (m_eof)
        return false;
    QByteArray line = m_file.readLine();
    if (line.isEmpty()) {
        m_eof = true;
        if (csv_fini(m_parser.get(), onField, onRow, this) != 0)
            fail(m_rowStart ? m_rowStart : m_lineNumber,
                 QStringLiteral("unterminated quoted field (a '\"' opens a value that never closes)"));
        throwFieldError();
        return !m_rows.empty();
    }
    ++m_lineNumber;
    m_bytesRead += line.size();
    if (m_rowStart == 0 && m_fields.isEmpty() && !isBlank(line))
        m_rowStart = m_lineNumber;
    const size_t used
        = csv_parse(m_parser.get(), line.constData(), size_t(line.size()), onField, onRow, this);
    if (used != size_t(line.size())) {
        const int error = csv_error(m_parser.get());
        fail(m_lineNumber,
             error == CSV_EPARSE
                 ? QStringLiteral("malformed quoting near column %1: a quote inside an unquoted "
                                  "value, or text after a closing quote")
                       .arg(m_fields.size() + 1)
                 : QStringLiteral("CSV parser error: %1").arg(QString::fromUtf8(csv_strerror(error))));
    }
    throwFieldError();
    return true;
}

std::optional<QStringList> CsvReader::next()
{
    while (m_rows.empty())
        if (!feedLine() && m_rows.empty())
            return std::nullopt;
    Row row = std::move(m_rows.front());
    m_rows.pop_front();
    m_rowLine = row.line;
    // A value past the header's last column belongs to no column: the row's values have shifted (an
    // unquoted comma), so every column after it would be read wrong. Empty trailing cells (a writer
    // that ends every row with a comma) are harmless.
    for (qsizetype i = m_header.size(); !m_header.isEmpty() && i < row.fields.size(); ++i)
        if (!row.fields.at(i).trimmed().isEmpty())
            fail(row.line,
                 QStringLiteral("%1 values where the header has %2 columns; value %3 (\"%4\") belongs to no "
                                "column (expected a comma inside a value to be quoted)")
                     .arg(row.fields.size())
                     .arg(m_header.size())
                     .arg(i + 1)
                     .arg(row.fields.at(i).left(40)));
    return std::move(row.fields);
}

bool CsvReader::looksLikeCsv(const QByteArray& head)
{
    QByteArray first = head;
    if (first.startsWith("\xef\xbb\xbf"))
        first = first.mid(3);
    const qsizetype end = first.indexOf('\n');
    if (end >= 0)
        first.truncate(end);
    first = first.trimmed();
    if (first.isEmpty() || first.startsWith('{') || first.startsWith('[') || first.startsWith('<'))
        return false;
    return first.count(',') >= 1;
}

QString CsvColumns::normalizeHeader(const QString& name)
{
    QString n = name.trimmed().toLower();
    n.replace(QLatin1Char(' '), QLatin1Char('_')).replace(QLatin1Char('-'), QLatin1Char('_'));
    return n;
}

CsvColumns::CsvColumns(const CsvReader& reader, const std::vector<Column>& columns)
{
    QHash<QString, int> byHeader;
    const QStringList& header = reader.header();
    for (int i = 0; i < header.size(); ++i) {
        const QString key = normalizeHeader(header[i]);
        if (!key.isEmpty() && !byHeader.contains(key))
            byHeader.insert(key, i);
    }
    QStringList missing;
    for (const Column& column : columns) {
        QStringList names { column.name };
        names << column.aliases;
        for (const QString& candidate : std::as_const(names)) {
            const QString key = normalizeHeader(candidate);
            const auto it = byHeader.constFind(key);
            if (it != byHeader.constEnd()) {
                // Two columns of one name that the import reads: which one holds the value is a guess.
                for (int other = *it + 1; other < header.size(); ++other)
                    if (normalizeHeader(header[other]) == key)
                        reader.fail(1,
                                    QStringLiteral("column %1 appears twice (columns %2 and %3); expected "
                                                   "each column once")
                                        .arg(header[*it].trimmed())
                                        .arg(*it + 1)
                                        .arg(other + 1));
                m_index.insert(column.name, *it);
                m_headerNames.insert(column.name, header[*it].trimmed());
                break;
            }
        }
        if (column.required && !m_index.contains(column.name))
            missing << (column.aliases.isEmpty()
                            ? column.name
                            : QStringLiteral("%1 (or %2)")
                                  .arg(column.name, column.aliases.join(QStringLiteral(", "))));
    }
    if (!missing.isEmpty())
        reader.fail(1,
                    QStringLiteral("missing required column%1 %2; the header has: %3")
                        .arg(missing.size() > 1 ? QStringLiteral("s") : QString(),
                             missing.join(QStringLiteral("; ")), header.join(QStringLiteral(", "))));
}

bool CsvColumns::has(const QString& name) const
{
    return m_index.contains(name);
}

QString CsvColumns::value(const QStringList& row, const QString& name) const
{
    const auto it = m_index.constFind(name);
    if (it == m_index.constEnd() || *it >= row.size())
        return {};
    const QString v = row[*it].trimmed();
    if (v == QLatin1String("NULL"))
        return {};
    return v;
}

QString CsvColumns::headerName(const QString& name) const
{
    return m_headerNames.value(name, name);
}

} // namespace faultline::importers
