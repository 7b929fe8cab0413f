#pragma once

#include <QByteArray>
#include <QIODevice>
#include <QString>

#include <cstdint>
#include <optional>

namespace faultline::importers::ci {

// Sits between a JUnit XML file and QXmlStreamReader so that a report reads in bounded memory.
// QXmlStreamReader holds a whole text node before it reports it, and JUnit reports carry text
// nodes of hundreds of megabytes (a Surefire <system-out> with a build's logging). This device
// passes the bytes through unchanged except that, inside a long run of character data or CDATA,
// it inserts an empty comment (`<!---->`) or a CDATA restart (`]]><![CDATA[`) at a line end: the
// reader then reports the run as several tokens and the document means the same. Insertions
// never land inside a character reference, a UTF-8 sequence, a CR LF pair or a `]]>`, and carry no
// newline, so the reader's line numbers stay those of the file. It also checks that the bytes are
// UTF-8 (when asked), with the exact line and column of the first bad byte, which the reader only
// reports at the start of the block it was decoding.
class XmlTextSplitter : public QIODevice
{
public:
    // Runs are split at the first line end after `softRun` bytes, or anywhere safe after `hardRun`.
    explicit XmlTextSplitter(QIODevice& source, bool checkUtf8, qint64 softRun = 64 * 1024,
                             qint64 hardRun = 1024 * 1024);

    bool isSequential() const override { return true; }
    bool atEnd() const override;
    qint64 bytesAvailable() const override;

    // Bytes read from the source so far: the progress position.
    qint64 sourcePos() const { return m_source.pos(); }

    struct EncodingError
    {
        qint64 line = 0;
        qint64 column = 0; // 1-based, in bytes
        unsigned char byte = 0;
    };
    // Set once invalid UTF-8 was met; the device then ends there and the reader reports a
    // premature end, which the caller replaces by this error.
    const std::optional<EncodingError>& encodingError() const { return m_encodingError; }
    // The source's error when a read failed (the device then ends there too).
    const QString& readError() const { return m_readError; }

protected:
    qint64 readData(char* data, qint64 maxSize) override;
    qint64 writeData(const char*, qint64) override { return -1; }

private:
    enum class State : std::uint8_t
    {
        Text, // character data (or the prolog before the first tag)
        Lt, // after '<'
        Bang, // after "<!"
        BangDash, // after "<!-"
        CdataOpen, // inside "<![CDATA[" before its '['
        Cdata,
        Comment,
        Pi,
        Decl, // <!DOCTYPE …> with its internal subset
        Tag, // start or end tag
    };

    void fill();
    void lex(const char* bytes, qint64 size);
    bool validUtf8(unsigned char c);

    QIODevice& m_source;
    const bool m_checkUtf8;
    const qint64 m_softRun;
    const qint64 m_hardRun;

    QByteArray m_out;
    qsizetype m_outPos = 0;
    bool m_sourceDone = false;
    QString m_readError;

    State m_state = State::Text;
    bool m_inContent = false; // a tag was closed: text from now on is element content
    qint64 m_run = 0; // bytes of the current text or CDATA run
    int m_refLength = -1; // >= 0 inside "&…;"
    char m_prev1 = 0; // the last two bytes of the current state
    char m_prev2 = 0;
    char m_quote = 0; // quote character inside a tag or declaration
    int m_depth = 0; // '[' nesting of a DOCTYPE internal subset
    int m_cdataMatched = 0; // characters of "CDATA[" seen

    // UTF-8: continuation bytes still expected, and the allowed range of the next one.
    int m_utf8Pending = 0;
    unsigned char m_utf8Low = 0x80;
    unsigned char m_utf8High = 0xBF;
    qint64 m_line = 1;
    qint64 m_column = 0;
    qint64 m_seqLine = 0; // where the current multi-byte sequence began
    qint64 m_seqColumn = 0;
    unsigned char m_seqByte = 0;
    std::optional<EncodingError> m_encodingError;
};

} // namespace faultline::importers::ci
