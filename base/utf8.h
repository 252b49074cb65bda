// UTF-8 validation and repair, and UTF-16 to UTF-8 conversion.
//
// Log text is kept, never dropped: invalid bytes become U+FFFD so that every
// stored record is valid UTF-8 text for SQLite and JSON output. All functions
// are pure and thread-safe.
#ifndef RSTSCOPE_BASE_UTF8_H_
#define RSTSCOPE_BASE_UTF8_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace rstscope::base {

// True when every byte is < 0x80. Checks 8 bytes per step.
bool IsAscii(std::string_view s);

// True when `s` is well-formed UTF-8 (RFC 3629: no overlongs, no surrogates,
// nothing above U+10FFFF).
bool IsValidUtf8(std::string_view s);

// Appends `s` to `out`, replacing each maximal invalid subsequence with
// U+FFFD (EF BF BD). Returns the number of replacements made.
size_t AppendUtf8Sanitized(std::string_view s, std::string* out);

// Number of code points in valid UTF-8 `s` (bytes that are not continuation
// bytes). This is what SQLite's substr() counts.
size_t CountCodepoints(std::string_view s);

// Appends the code point `cp` encoded as UTF-8 (U+FFFD for surrogates and
// values above U+10FFFF).
void AppendCodepoint(char32_t cp, std::string* out);

// The length in bytes of the control character at s[i], 0 when s[i] starts
// none: a C0 control other than line feed and tab (and carriage return,
// unless `cr_is_control`), DEL, or a C1 control (U+0080-U+009F, two bytes).
// Text shown to people (a terminal, a Markdown report) writes these with
// AppendControlEscape so that log text cannot act on the reader's terminal.
size_t ControlCharLength(std::string_view s, size_t i, bool cr_is_control);

// Appends `control` (one control character, as ControlCharLength measured
// it) as "\xHH", or "\u00HH" for a C1 control.
void AppendControlEscape(std::string_view control, std::string* out);

// Converts UTF-16 code units to UTF-8. `data` holds `n` bytes; a trailing odd
// byte or a high surrogate without its pair at the end of `data` is left
// unconsumed: the return value is the number of bytes consumed, so a
// streaming caller can carry the rest into the next chunk. Unpaired
// surrogates in the middle become U+FFFD.
size_t AppendUtf16AsUtf8(const char* data, size_t n, bool big_endian, std::string* out);

}  // namespace rstscope::base

#endif  // RSTSCOPE_BASE_UTF8_H_
