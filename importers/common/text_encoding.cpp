#include "common/text_encoding.h"

#include "common/import_error.h"

namespace faultline::importers {

void refuseUtf16(const QString& path, const QByteArray& head)
{
    if (head.startsWith("\xFF\xFE") || head.startsWith("\xFE\xFF"))
        throw ImportError(QStringLiteral("%1:1: the file is UTF-16 encoded; expected UTF-8 (re-export it, or "
                                         "convert it with iconv -f UTF-16 -t UTF-8)")
                              .arg(path));
}

} // namespace faultline::importers
