#pragma once

#include "common/json_node.h"

#include <QByteArray>
#include <QFile>
#include <QString>

#include <cstdint>
#include <memory>
#include <optional>
#include <simdjson.h>
#include <utility>
#include <vector>

namespace faultline::importers::json {

// Reads the JSON documents of one file: a single document, JSON Lines (`gh api --paginate --jq
// '.jobs[]'`), or concatenated documents (`gh api --paginate` without --jq). JSON Lines stream line
// by line in a reused buffer, so a file of any size is read in constant memory; the other layouts
// are read whole. Syntax errors throw ImportError naming the file, line and column.
class JsonDocumentReader
{
public:
    enum class Layout
    {
        Single,
        Lines,
        Concatenated
    };

    // Throws ImportError when the file cannot be read, is empty or does not start like JSON.
    explicit JsonDocumentReader(const QString& path);
    ~JsonDocumentReader();
    JsonDocumentReader(const JsonDocumentReader&) = delete;
    JsonDocumentReader& operator=(const JsonDocumentReader&) = delete;

    Layout layout() const { return m_layout; }
    // The next document's root, valid until the following call; nullopt at the end.
    std::optional<Node> next();
    std::int64_t bytesRead() const { return m_bytesRead; }
    std::int64_t size() const { return m_size; }
    const QString& path() const { return m_origin.file; }

    // True when `head` (the first bytes of a file) starts like a JSON document: optional BOM and
    // whitespace, then '{' or '['.
    static bool looksLikeJson(const QByteArray& head);

private:
    bool readLine(); // next non-blank line into m_line; false at the end
    [[noreturn]] void syntaxError(const char* data, std::size_t size, qint64 firstLine,
                                  simdjson::error_code code) const;
    void loadWhole();

    QFile m_file;
    DocumentOrigin m_origin;
    Layout m_layout = Layout::Single;
    std::int64_t m_size = 0;
    std::int64_t m_bytesRead = 0;
    simdjson::dom::parser m_parser;

    // JSON Lines
    std::unique_ptr<char[]> m_chunk;
    std::size_t m_chunkSize = 0;
    std::size_t m_chunkPos = 0;
    std::unique_ptr<char[]> m_line;
    std::size_t m_lineSize = 0;
    std::size_t m_lineCapacity = 0;
    qint64 m_lineNumber = 0;
    bool m_eof = false;

    // Single / concatenated
    simdjson::padded_string m_whole;
    std::vector<std::pair<std::size_t, std::size_t>>
        m_documents; // offset and length of each concatenated one
    std::size_t m_nextDocument = 0;
    bool m_singleDone = false;
};

} // namespace faultline::importers::json
