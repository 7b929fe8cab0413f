#include "json_documents.h"

#include "common/import_error.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QStringDecoder>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>

namespace faultline::importers::json {

namespace {

constexpr std::size_t kChunkBytes = 1 << 20;
constexpr std::size_t kHeadBytes = 64 * 1024;

std::size_t skipBomAndSpace(const char* data, std::size_t size)
{
    std::size_t i = 0;
    if (size >= 3 && std::memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    while (i < size && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n'))
        ++i;
    return i;
}

bool isBlank(const char* data, std::size_t size)
{
    return skipBomAndSpace(data, size) == size;
}

} // namespace

bool JsonDocumentReader::looksLikeJson(const QByteArray& head)
{
    const std::size_t i = skipBomAndSpace(head.constData(), std::size_t(head.size()));
    return i < std::size_t(head.size()) && (head[qsizetype(i)] == '{' || head[qsizetype(i)] == '[');
}

JsonDocumentReader::JsonDocumentReader(const QString& path)
    : m_file(path)
{
    m_origin.file = path;
    if (!m_file.open(QIODevice::ReadOnly))
        throw ImportError(QStringLiteral("%1: cannot read: %2").arg(path, m_file.errorString()));
    m_size = m_file.size();
    const QByteArray head = m_file.peek(qint64(kHeadBytes));
    if (isBlank(head.constData(), std::size_t(head.size())) && m_size <= qint64(kHeadBytes))
        throw ImportError(QStringLiteral("%1: the file is empty; expected a JSON export").arg(path));
    if (!looksLikeJson(head))
        throw ImportError(
            QStringLiteral("%1:1: not JSON: expected '{' or '[' at the start of the file").arg(path));

    // JSON Lines when the first line alone is a complete document and more follows it.
    const std::size_t start = skipBomAndSpace(head.constData(), std::size_t(head.size()));
    const auto newline = std::find(head.constBegin() + qsizetype(start), head.constEnd(), '\n');
    if (newline != head.constEnd()) {
        const std::size_t lineLength = std::size_t(newline - head.constBegin()) - start;
        simdjson::padded_string firstLine(head.constData() + start, lineLength);
        simdjson::dom::element ignored;
        if (m_parser.parse(firstLine).get(ignored) == simdjson::SUCCESS
            && !isBlank(newline + 1, std::size_t(head.constEnd() - newline - 1))) {
            m_layout = Layout::Lines;
            m_chunk = std::make_unique<char[]>(kChunkBytes);
            return;
        }
    }
    loadWhole();
}

JsonDocumentReader::~JsonDocumentReader() = default;

void JsonDocumentReader::loadWhole()
{
    const QByteArray bytes = m_file.readAll();
    if (m_file.error() != QFileDevice::NoError)
        throw ImportError(QStringLiteral("%1: cannot read: %2").arg(m_origin.file, m_file.errorString()));
    const std::size_t start = skipBomAndSpace(bytes.constData(), std::size_t(bytes.size()));
    m_whole = simdjson::padded_string(bytes.constData() + start, std::size_t(bytes.size()) - start);
    m_bytesRead = m_size;

    simdjson::dom::element root;
    const simdjson::error_code single = m_parser.parse(m_whole).get(root);
    if (single == simdjson::SUCCESS) {
        m_layout = Layout::Single;
        return;
    }
    // Concatenated documents parse one by one; anything else is reported as the single document's
    // syntax error, located by line and column.
    if (single == simdjson::TAPE_ERROR || single == simdjson::TRAILING_CONTENT) {
        simdjson::dom::document_stream stream;
        if (m_parser
                .parse_many(m_whole.data(), m_whole.size(), std::max<std::size_t>(m_whole.size(), 1 << 20))
                .get(stream)
            == simdjson::SUCCESS) {
            std::vector<std::pair<std::size_t, std::size_t>> documents;
            bool ok = true;
            for (auto it = stream.begin(); it != stream.end(); ++it) {
                simdjson::dom::element element;
                if ((*it).get(element) != simdjson::SUCCESS) {
                    ok = false;
                    break;
                }
                documents.emplace_back(it.current_index(), it.source().size());
            }
            if (ok && documents.size() > 1 && stream.truncated_bytes() == 0) {
                m_layout = Layout::Concatenated;
                m_documents = std::move(documents);
                return;
            }
        }
    }
    syntaxError(m_whole.data(), m_whole.size(), 1, single);
}

namespace {

// The offset of the first raw control character or out-of-range number in JSON text Qt's parser
// accepted: simdjson refuses both (UNESCAPED_CHARS, BIGINT_ERROR, NUMBER_ERROR) without a position.
std::optional<std::size_t> offsetSimdjsonRefuses(const char* data, std::size_t size)
{
    bool inString = false;
    for (std::size_t i = 0; i < size; ++i) {
        const auto c = static_cast<unsigned char>(data[i]);
        if (inString) {
            if (c < 0x20)
                return i;
            if (c == '\\')
                ++i;
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == '"') {
            inString = true;
        } else if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
            return i;
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            std::size_t end = i + 1;
            bool integer = true;
            while (end < size && data[end] != '\0' && std::strchr("0123456789.eE+-", data[end])) {
                integer = integer && data[end] >= '0' && data[end] <= '9';
                ++end;
            }
            const std::string token(data + i, end - i);
            const bool negative = token[0] == '-';
            const std::string magnitude = token.substr(negative ? 1 : 0);
            // Beyond int64 when negative, beyond uint64 when not (equal lengths compare as numbers).
            const bool tooBig = negative
                ? magnitude.size() > 19 || (magnitude.size() == 19 && magnitude > "9223372036854775808")
                : magnitude.size() > 20 || (magnitude.size() == 20 && magnitude > "18446744073709551615");
            if ((integer && tooBig) || (!integer && std::isinf(std::strtod(token.c_str(), nullptr))))
                return i;
            i = end - 1;
        }
    }
    return std::nullopt;
}

} // namespace

void JsonDocumentReader::syntaxError(const char* data, std::size_t size, qint64 firstLine,
                                     simdjson::error_code code) const
{
    if (code == simdjson::UTF8_ERROR) {
        // Locate the first invalid byte sequence for the message.
        qint64 line = firstLine;
        const QByteArray bytes = QByteArray::fromRawData(data, qsizetype(size));
        QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        qsizetype lineStart = 0;
        for (qsizetype i = 0; i < bytes.size(); ++i) {
            if (bytes[i] == '\n') {
                const QString decoded = decoder.decode(bytes.mid(lineStart, i - lineStart));
                if (decoder.hasError() || decoded.contains(QChar::ReplacementCharacter))
                    break;
                ++line;
                lineStart = i + 1;
            }
        }
        throw ImportError(QStringLiteral("%1:%2: invalid UTF-8 in the JSON text; expected UTF-8 encoded JSON")
                              .arg(m_origin.file)
                              .arg(line));
    }
    QJsonParseError error;
    (void)QJsonDocument::fromJson(QByteArray::fromRawData(data, qsizetype(size)), &error);
    qint64 line = firstLine;
    qint64 column = 0;
    // Qt's parser locates most errors; raw control characters and numbers no integer or double holds
    // it accepts, so those are found here.
    const std::optional<std::size_t> stricter
        = error.error == QJsonParseError::NoError ? offsetSimdjsonRefuses(data, size) : std::nullopt;
    if (error.error != QJsonParseError::NoError || stricter) {
        const qsizetype offset
            = std::min<qsizetype>(stricter ? qsizetype(*stricter) : error.offset, qsizetype(size));
        qsizetype lineStart = 0;
        for (qsizetype i = 0; i < offset; ++i) {
            if (data[i] == '\n') {
                ++line;
                lineStart = i + 1;
            }
        }
        column = offset - lineStart + 1;
    }
    const QString reason = error.error != QJsonParseError::NoError
        ? error.errorString()
        : QString::fromUtf8(simdjson::error_message(code));
    QString where = m_origin.file + QLatin1Char(':') + QString::number(line);
    if (column > 0)
        where += QLatin1Char(':') + QString::number(column);
    throw ImportError(QStringLiteral("%1: invalid JSON (%2)").arg(where, reason));
}

bool JsonDocumentReader::readLine()
{
    for (;;) {
        m_lineSize = 0;
        bool complete = false;
        while (!complete) {
            if (m_chunkPos == m_chunkSize) {
                if (m_eof)
                    break;
                const qint64 n = m_file.read(m_chunk.get(), qint64(kChunkBytes));
                if (n < 0)
                    throw ImportError(
                        QStringLiteral("%1: cannot read: %2").arg(m_origin.file, m_file.errorString()));
                if (n == 0) {
                    m_eof = true;
                    break;
                }
                m_chunkSize = std::size_t(n);
                m_chunkPos = 0;
            }
            const char* begin = m_chunk.get() + m_chunkPos;
            const char* end = m_chunk.get() + m_chunkSize;
            const char* newline
                = static_cast<const char*>(std::memchr(begin, '\n', std::size_t(end - begin)));
            const char* stop = newline ? newline : end;
            const std::size_t n = std::size_t(stop - begin);
            if (m_lineSize + n + simdjson::SIMDJSON_PADDING > m_lineCapacity) {
                const std::size_t capacity
                    = std::max(m_lineCapacity * 2, m_lineSize + n + simdjson::SIMDJSON_PADDING);
                auto grown = std::make_unique<char[]>(capacity);
                if (m_lineSize)
                    std::memcpy(grown.get(), m_line.get(), m_lineSize);
                m_line = std::move(grown);
                m_lineCapacity = capacity;
            }
            std::memcpy(m_line.get() + m_lineSize, begin, n);
            m_lineSize += n;
            m_chunkPos += n + (newline ? 1 : 0);
            m_bytesRead += qint64(n + (newline ? 1 : 0));
            complete = newline != nullptr;
        }
        if (!complete && m_lineSize == 0)
            return false;
        ++m_lineNumber;
        if (!isBlank(m_line.get(), m_lineSize))
            return true;
        if (!complete)
            return false;
    }
}

std::optional<Node> JsonDocumentReader::next()
{
    switch (m_layout) {
    case Layout::Single: {
        if (m_singleDone)
            return std::nullopt;
        m_singleDone = true;
        simdjson::dom::element root;
        if (auto code = m_parser.parse(m_whole).get(root); code != simdjson::SUCCESS)
            syntaxError(m_whole.data(), m_whole.size(), 1, code);
        m_origin.line = 0;
        return Node(root, &m_origin);
    }
    case Layout::Concatenated: {
        if (m_nextDocument >= m_documents.size())
            return std::nullopt;
        const auto [offset, length] = m_documents[m_nextDocument++];
        simdjson::dom::element root;
        // The slice lies inside the padded whole-file buffer, so the bytes after it are readable.
        if (auto code = m_parser.parse(m_whole.data() + offset, length, false).get(root);
            code != simdjson::SUCCESS)
            syntaxError(m_whole.data() + offset, length, 1, code);
        m_origin.line = 1 + qint64(std::count(m_whole.data(), m_whole.data() + offset, '\n'));
        return Node(root, &m_origin);
    }
    case Layout::Lines: {
        if (!readLine())
            return std::nullopt;
        std::size_t start = 0;
        if (m_lineNumber == 1)
            start = skipBomAndSpace(m_line.get(), m_lineSize);
        simdjson::dom::element root;
        if (auto code = m_parser.parse(m_line.get() + start, m_lineSize - start, false).get(root);
            code != simdjson::SUCCESS)
            syntaxError(m_line.get() + start, m_lineSize - start, m_lineNumber, code);
        m_origin.line = m_lineNumber;
        return Node(root, &m_origin);
    }
    }
    return std::nullopt;
}

} // namespace faultline::importers::json
