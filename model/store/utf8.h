#pragma once

#include <string>
#include <string_view>

namespace faultline::store {

// Imported text is bytes: git names and paths from old commits carry Latin-1 or plain broken text,
// exports carry whatever their tool wrote. The workspace stores valid UTF-8 only, so BulkWriter
// checks text on the way in and invalid sequences become U+FFFD (as QString::fromUtf8 does).
bool isValidUtf8(std::string_view text);

// Returns `text` itself when it is valid, else a repaired copy kept in `scratch`.
std::string_view validUtf8(std::string_view text, std::string& scratch);

} // namespace faultline::store
