#include "junit_text_splitter.h"

#include <algorithm>
#include <cstring>

namespace faultline::importers::ci {

namespace {

constexpr qint64 kChunkBytes = 64 * 1024;
constexpr int kMaxReferenceLength = 64; // longer "&…" is malformed: the reader reports it
constexpr char kCdataOpen[] = "CDATA[";
constexpr QByteArrayView kTextBreak("<!---->");
constexpr QByteArrayView kCdataBreak("]]><![CDATA[");

bool isContinuationByte(char c)
{
    return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

} // namespace

XmlTextSplitter::XmlTextSplitter(QIODevice& source, bool checkUtf8, qint64 softRun, qint64 hardRun)
    : m_source(source)
    , m_checkUtf8(checkUtf8)
    , m_softRun(softRun)
    , m_hardRun(std::max(softRun, hardRun))
{
    open(QIODevice::ReadOnly | QIODevice::Unbuffered);
}

bool XmlTextSplitter::atEnd() const
{
    return m_outPos >= m_out.size() && (m_encodingError || m_sourceDone);
}

qint64 XmlTextSplitter::bytesAvailable() const
{
    return (m_out.size() - m_outPos) + (m_encodingError || m_sourceDone ? 0 : m_source.bytesAvailable());
}

qint64 XmlTextSplitter::readData(char* data, qint64 maxSize)
{
    while (m_outPos >= m_out.size() && !m_encodingError && !m_sourceDone) {
        m_out.clear();
        m_outPos = 0;
        fill();
    }
    const qint64 n = std::min<qint64>(maxSize, m_out.size() - m_outPos);
    if (n <= 0)
        return 0;
    std::memcpy(data, m_out.constData() + m_outPos, size_t(n));
    m_outPos += n;
    return n;
}

void XmlTextSplitter::fill()
{
    char chunk[kChunkBytes];
    const qint64 n = m_source.read(chunk, kChunkBytes);
    if (n > 0)
        lex(chunk, n);
    if (n < 0)
        m_readError = m_source.errorString();
    // A failed read ends the stream too: the reader then reports a premature end, which the caller
    // replaces by readError().
    m_sourceDone = n <= 0 || m_source.atEnd();
    if (m_checkUtf8 && !m_encodingError && m_utf8Pending > 0 && m_sourceDone)
        m_encodingError = EncodingError { m_seqLine, m_seqColumn, m_seqByte };
}

bool XmlTextSplitter::validUtf8(unsigned char c)
{
    if (c == '\n') {
        ++m_line;
        m_column = 0;
    } else if ((c & 0xC0) != 0x80) {
        ++m_column;
    }
    if (m_utf8Pending > 0) {
        if (c < m_utf8Low || c > m_utf8High) {
            m_encodingError = EncodingError { m_seqLine, m_seqColumn, m_seqByte };
            return false;
        }
        --m_utf8Pending;
        m_utf8Low = 0x80;
        m_utf8High = 0xBF;
        return true;
    }
    // XML 1.0 allows no NUL character, and QXmlStreamReader lets one through.
    if (c == 0) {
        m_encodingError = EncodingError { m_line, m_column, c };
        return false;
    }
    if (c < 0x80)
        return true;
    // The lead byte fixes the length and, for E0/ED/F0/F4, the range of the next byte, which
    // excludes overlong forms, surrogates and code points above U+10FFFF.
    m_seqLine = m_line;
    m_seqColumn = m_column;
    m_seqByte = c;
    if (c >= 0xC2 && c <= 0xDF) {
        m_utf8Pending = 1;
    } else if (c == 0xE0) {
        m_utf8Pending = 2;
        m_utf8Low = 0xA0;
    } else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) {
        m_utf8Pending = 2;
    } else if (c == 0xED) {
        m_utf8Pending = 2;
        m_utf8High = 0x9F;
    } else if (c == 0xF0) {
        m_utf8Pending = 3;
        m_utf8Low = 0x90;
    } else if (c >= 0xF1 && c <= 0xF3) {
        m_utf8Pending = 3;
    } else if (c == 0xF4) {
        m_utf8Pending = 3;
        m_utf8High = 0x8F;
    } else {
        m_encodingError = EncodingError { m_line, m_column, c };
        return false;
    }
    return true;
}

void XmlTextSplitter::lex(const char* bytes, qint64 size)
{
    qint64 copied = 0; // bytes[0, copied) are already in m_out
    auto insertBefore = [&](qint64 at, QByteArrayView marker) {
        m_out.append(bytes + copied, at - copied);
        m_out.append(marker);
        copied = at;
        m_run = 0;
    };
    auto backToText = [this] {
        m_state = State::Text;
        m_run = 0;
        m_refLength = -1;
        m_prev1 = m_prev2 = 0;
    };
    // A split point: a line end once the run is long, or any character start once it is too long;
    // never between CR and LF, which the reader counts as one line end.
    auto splitHere = [this](char c) {
        if (c == '\n' && m_prev1 == '\r')
            return false;
        if (m_run >= m_softRun && (c == '\n' || c == '\r'))
            return true;
        return m_run >= m_hardRun && !isContinuationByte(c);
    };

    for (qint64 i = 0; i < size; ++i) {
        const char c = bytes[i];
        if (m_checkUtf8 && !validUtf8(static_cast<unsigned char>(c))) {
            m_out.append(bytes + copied, i - copied);
            return;
        }
        switch (m_state) {
        case State::Text:
            if (c == '<') {
                m_state = State::Lt;
                break;
            }
            if (!m_inContent)
                break;
            if (m_refLength < 0 && splitHere(c))
                insertBefore(i, kTextBreak);
            if (m_refLength >= 0) {
                if (c == ';' || ++m_refLength > kMaxReferenceLength)
                    m_refLength = -1;
            } else if (c == '&') {
                m_refLength = 0;
            }
            ++m_run;
            m_prev1 = c;
            break;
        case State::Lt:
            if (c == '!') {
                m_state = State::Bang;
            } else if (c == '?') {
                m_state = State::Pi;
                m_prev1 = 0;
            } else {
                m_state = State::Tag;
                m_quote = 0;
            }
            break;
        case State::Bang:
            if (c == '-') {
                m_state = State::BangDash;
            } else if (c == '[') {
                m_state = State::CdataOpen;
                m_cdataMatched = 0;
            } else {
                m_state = State::Decl;
                m_quote = 0;
                m_depth = 0;
            }
            break;
        case State::BangDash:
            if (c == '-') {
                m_state = State::Comment;
                m_prev1 = m_prev2 = 0;
            } else {
                m_state = State::Decl; // not well-formed: the reader says so
                m_quote = 0;
                m_depth = 0;
            }
            break;
        case State::CdataOpen:
            if (c == kCdataOpen[m_cdataMatched]) {
                if (++m_cdataMatched == int(sizeof(kCdataOpen) - 1)) {
                    m_state = State::Cdata;
                    m_run = 0;
                    m_prev1 = m_prev2 = 0;
                }
            } else {
                m_state = State::Decl;
                m_quote = 0;
                m_depth = 0;
            }
            break;
        case State::Cdata:
            if (c == '>' && m_prev1 == ']' && m_prev2 == ']') {
                backToText();
                break;
            }
            // After a ']' the CDATA end could straddle the break: wait for the next byte.
            if (m_prev1 != ']' && splitHere(c))
                insertBefore(i, kCdataBreak);
            ++m_run;
            m_prev2 = m_prev1;
            m_prev1 = c;
            break;
        case State::Comment:
            if (c == '>' && m_prev1 == '-' && m_prev2 == '-') {
                backToText();
                break;
            }
            m_prev2 = m_prev1;
            m_prev1 = c;
            break;
        case State::Pi:
            if (c == '>' && m_prev1 == '?') {
                backToText();
                break;
            }
            m_prev1 = c;
            break;
        case State::Decl:
            if (m_quote) {
                if (c == m_quote)
                    m_quote = 0;
            } else if (c == '"' || c == '\'') {
                m_quote = c;
            } else if (c == '[') {
                ++m_depth;
            } else if (c == ']') {
                --m_depth;
            } else if (c == '>' && m_depth <= 0) {
                backToText();
            }
            break;
        case State::Tag:
            if (m_quote) {
                if (c == m_quote)
                    m_quote = 0;
            } else if (c == '"' || c == '\'') {
                m_quote = c;
            } else if (c == '>') {
                backToText();
                m_inContent = true;
            }
            break;
        }
    }
    m_out.append(bytes + copied, size - copied);
}

} // namespace faultline::importers::ci
