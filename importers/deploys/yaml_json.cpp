#include "yaml_json.h"

#include "common/import_error.h"

#include <QFile>
#include <QStringDecoder>

#include <cstdint>
#include <cstdio>
#include <memory>
#include <vector>
#include <yaml-cpp/yaml.h>
#include <yaml.h>

namespace faultline::importers::deploys {

namespace {

constexpr int kMaxDepth = 200;

// "file:line:column: invalid YAML (problem)[; expected …]"; line and column count from 0 in both
// parsers.
ImportError invalidYaml(const QString& path, qint64 line, qint64 column, const QString& problem,
                        const QString& expected = {})
{
    QString message
        = QStringLiteral("%1:%2:%3: invalid YAML (%4)").arg(path).arg(line + 1).arg(column + 1).arg(problem);
    if (!expected.isEmpty())
        message += QStringLiteral("; expected ") + expected;
    return ImportError(message);
}

// yaml-cpp 0.7 never returns on some invalid input (a ',' where a document or node should start:
// found by fuzz_deploys), so libyaml's event parser reads the whole stream first and refuses what is
// not YAML with its line and column. It builds no tree and expands no alias. The depth limit is
// checked here too: yaml-cpp recurses once per level, and libyaml's scanner is quadratic in the
// nesting of flow collections (100k '[' took about a minute), so deep input stops at the 201st level.
void refuseInvalidYaml(const QString& path, const std::string& text)
{
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser))
        throw ImportError(QStringLiteral("%1: cannot set up the YAML parser").arg(path));
    const std::unique_ptr<yaml_parser_t, void (*)(yaml_parser_t*)> release(&parser, yaml_parser_delete);
    yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(text.data()), text.size());
    int depth = 0;
    for (;;) {
        yaml_event_t event;
        if (!yaml_parser_parse(&parser, &event)) {
            throw invalidYaml(path, qint64(parser.problem_mark.line), qint64(parser.problem_mark.column),
                              QString::fromUtf8(parser.problem ? parser.problem : "unreadable"),
                              QStringLiteral("an Argo CD Application"));
        }
        const yaml_event_type_t type = event.type;
        const yaml_mark_t start = event.start_mark;
        yaml_event_delete(&event);
        if (type == YAML_STREAM_END_EVENT)
            return;
        if (type == YAML_SEQUENCE_START_EVENT || type == YAML_MAPPING_START_EVENT) {
            if (++depth > kMaxDepth)
                throw invalidYaml(path, qint64(start.line), qint64(start.column),
                                  QStringLiteral("nested more than %1 levels deep").arg(kMaxDepth));
        } else if (type == YAML_SEQUENCE_END_EVENT || type == YAML_MAPPING_END_EVENT) {
            --depth;
        }
    }
}

class JsonWriter
{
public:
    JsonWriter(const QString& path, std::size_t maxBytes)
        : m_path(path)
        , m_maxBytes(maxBytes)
    { }

    void value(const YAML::Node& node, int depth)
    {
        if (depth > kMaxDepth)
            fail(node.Mark(), QStringLiteral("nested more than %1 levels deep").arg(kMaxDepth));
        // Aliases may repeat a large node many times ("billion laughs"): bound the output.
        if (m_out.size() > m_maxBytes)
            fail(node.Mark(),
                 QStringLiteral("aliases expand the document beyond %1 MB").arg(m_maxBytes >> 20));
        switch (node.Type()) {
        case YAML::NodeType::Undefined:
        case YAML::NodeType::Null:
            m_out += "null";
            return;
        case YAML::NodeType::Scalar:
            scalar(node);
            return;
        case YAML::NodeType::Sequence: {
            m_out += '[';
            bool first = true;
            for (const YAML::Node& item : node) {
                if (!first)
                    m_out += ',';
                first = false;
                value(item, depth + 1);
            }
            m_out += ']';
            return;
        }
        case YAML::NodeType::Map: {
            m_out += '{';
            bool first = true;
            for (const auto& field : node) {
                if (!field.first.IsScalar())
                    fail(field.first.Mark(), QStringLiteral("a mapping key that is not a plain value"));
                if (!first)
                    m_out += ',';
                first = false;
                string(field.first.Scalar());
                m_out += ':';
                value(field.second, depth + 1);
            }
            m_out += '}';
            return;
        }
        }
    }

    std::string take() { return std::move(m_out); }
    std::string& out() { return m_out; }

private:
    [[noreturn]] void fail(const YAML::Mark& mark, const QString& problem) const
    {
        throw invalidYaml(m_path, mark.line, mark.column, problem);
    }

    static bool isInteger(const std::string& s)
    {
        std::size_t i = (!s.empty() && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
        const std::size_t digits = s.size() - i;
        if (digits == 0 || digits > 18)
            return false;
        if (s[i] == '0' && digits > 1)
            return false; // "0123" is a revision or a version, not a number
        for (; i < s.size(); ++i) {
            if (s[i] < '0' || s[i] > '9')
                return false;
        }
        return true;
    }

    void scalar(const YAML::Node& node)
    {
        const std::string& text = node.Scalar();
        const std::string& tag = node.Tag();
        // "?" is a plain scalar; "!" a quoted one; anything else an explicit tag.
        const bool plain = tag == "?";
        if (plain || tag == "tag:yaml.org,2002:null") {
            if (text.empty() || text == "~" || text == "null" || text == "Null" || text == "NULL") {
                m_out += "null";
                return;
            }
        }
        if (plain || tag == "tag:yaml.org,2002:bool") {
            if (text == "true" || text == "True" || text == "TRUE") {
                m_out += "true";
                return;
            }
            if (text == "false" || text == "False" || text == "FALSE") {
                m_out += "false";
                return;
            }
        }
        if ((plain || tag == "tag:yaml.org,2002:int") && isInteger(text)) {
            m_out += text[0] == '+' ? text.substr(1) : text;
            return;
        }
        string(text);
    }

    void string(const std::string& text)
    {
        m_out += '"';
        for (const char c : text) {
            switch (c) {
            case '"':
                m_out += "\\\"";
                break;
            case '\\':
                m_out += "\\\\";
                break;
            case '\n':
                m_out += "\\n";
                break;
            case '\r':
                m_out += "\\r";
                break;
            case '\t':
                m_out += "\\t";
                break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
                    char escaped[8];
                    std::snprintf(escaped, sizeof escaped, "\\u%04x",
                                  unsigned(static_cast<unsigned char>(c)));
                    m_out += escaped;
                } else {
                    m_out += c;
                }
            }
        }
        m_out += '"';
    }

    QString m_path;
    std::size_t m_maxBytes;
    std::string m_out;
};

} // namespace

std::string yamlFileToJson(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw ImportError(QStringLiteral("%1: cannot read: %2").arg(path, file.errorString()));
    QByteArray bytes = file.readAll();
    if (bytes.startsWith("\xEF\xBB\xBF"))
        bytes = bytes.mid(3);
    {
        // yaml-cpp passes invalid UTF-8 through; say where it is instead of failing later.
        QStringDecoder decoder(QStringDecoder::Utf8);
        qsizetype lineStart = 0;
        qint64 line = 1;
        for (qsizetype i = 0; i <= bytes.size(); ++i) {
            if (i == bytes.size() || bytes[i] == '\n') {
                // decode() is lazy: only the conversion to QString runs the decoder.
                const QString decoded
                    = decoder.decode(QByteArrayView(bytes).sliced(lineStart, i - lineStart));
                if (decoder.hasError())
                    throw ImportError(QStringLiteral("%1:%2: invalid UTF-8 in the YAML text; expected UTF-8")
                                          .arg(path)
                                          .arg(line));
                ++line;
                lineStart = i + 1;
            }
        }
    }

    const std::string text = bytes.toStdString();
    refuseInvalidYaml(path, text);
    std::vector<YAML::Node> documents;
    try {
        documents = YAML::LoadAll(text);
    } catch (const YAML::Exception& e) {
        throw invalidYaml(path, e.mark.line, e.mark.column, QString::fromStdString(e.msg));
    }
    std::vector<YAML::Node> nonEmpty;
    for (const YAML::Node& document : documents) {
        if (document.IsDefined() && !document.IsNull())
            nonEmpty.push_back(document);
    }
    if (nonEmpty.empty())
        throw ImportError(QStringLiteral("%1: the YAML file holds no document").arg(path));

    JsonWriter writer(path, std::size_t(bytes.size()) * 64 + (std::size_t(1) << 26));
    try {
        if (nonEmpty.size() == 1) {
            writer.value(nonEmpty.front(), 0);
        } else {
            writer.out() += '[';
            for (std::size_t i = 0; i < nonEmpty.size(); ++i) {
                if (i > 0)
                    writer.out() += ',';
                writer.value(nonEmpty[i], 0);
            }
            writer.out() += ']';
        }
    } catch (const YAML::Exception& e) {
        throw invalidYaml(path, e.mark.line, e.mark.column, QString::fromStdString(e.msg));
    }
    return writer.take();
}

} // namespace faultline::importers::deploys
