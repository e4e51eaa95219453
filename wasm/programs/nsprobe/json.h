/* json.h: a small streaming JSON writer on stdout for nsprobe. Commas
 * between members and elements are placed by the writer, which remembers
 * per nesting level whether something was written yet. */
#ifndef NSPROBE_JSON_H
#define NSPROBE_JSON_H

#include <stdbool.h>

void json_begin_object(void);
void json_end_object(void);
void json_begin_array(void);
void json_end_array(void);
/* The key of the next member of the current object. */
void json_key(const char *key);
/* A string value; NULL writes null. */
void json_string(const char *text);
void json_number(long long value);
void json_bool(bool value);
void json_null(void);
/* key + string (NULL -> null), key + number. */
void json_member_string(const char *key, const char *text);
void json_member_number(const char *key, long long value);

#endif
