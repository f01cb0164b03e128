"""Every bound the app puts on untrusted input, in one place (README, "Data safety", lists them).

Imports: a template is refused with a Chinese message naming the limit *before* anything large is read
(file size, zip contents, the sheet's real extent from its XML) or, for what can only be counted while
reading, as soon as the count passes the limit. Backups: member names, sizes and the total unpacked size
are checked before anything is written. Temp files: only a dead owner or an age past the bound makes
one stale.
"""

from __future__ import annotations

MB = 1024 * 1024
GB = 1024 * MB

# --- template imports -------------------------------------------------------------------------------
IMPORT_MAX_FILE_BYTES = 50 * MB  # the file itself
IMPORT_MAX_UNZIPPED_BYTES = 1 * GB  # all members of an .xlsx/.docx/.ods together, decompressed
IMPORT_MAX_XML_BYTES = 300 * MB  # one sheet's XML, decompressed (streamed, never held as a tree)
IMPORT_MAX_DOCX_XML_BYTES = 32 * MB  # a .docx body (word/document.xml), decompressed (parsed as a tree)
IMPORT_MAX_MEMBER_RATIO = 100  # compression ratio of one member larger than IMPORT_RATIO_FROM_BYTES
IMPORT_RATIO_FROM_BYTES = 10 * MB
IMPORT_MAX_ROWS = 200_000  # rows of one sheet (up to its last non-empty row)
IMPORT_MAX_COLUMNS = 1_000  # columns of one sheet (up to its last non-empty column)
IMPORT_MAX_CELLS = 5_000_000  # rows × columns of one sheet, and non-empty cells of a whole file
IMPORT_MAX_MERGED_RANGES = 20_000  # merged ranges of one sheet
IMPORT_MAX_PARAGRAPHS = 200_000  # paragraphs (and table cells) of a .docx, lines of a .txt
IMPORT_MAX_ITEMS = 100_000  # items a template may give (a county workspace holds 16,000+; issue 13 imports 100,000)
IMPORT_MAX_FIELD_CHARS = 1 * MB  # one CSV field (Python's default limit is 128 KB)
IMPORT_MAX_SECONDS = 120.0  # reading and understanding one file

# --- one-file backups (restore and verify) --------------------------------------------------------------
BACKUP_MAX_MEMBER_BYTES = 8 * GB  # one file inside a backup, unpacked
BACKUP_MAX_TOTAL_BYTES = 256 * GB  # everything inside a backup, unpacked
BACKUP_MAX_MEMBER_RATIO = 200  # compression ratio of one member larger than BACKUP_RATIO_FROM_BYTES
BACKUP_RATIO_FROM_BYTES = 64 * MB
BACKUP_MAX_MEMBERS = 1_000_000
DISK_SPARE_BYTES = 64 * MB  # kept free on the disk after unpacking a restore

# --- temp files -------------------------------------------------------------------------------------
TEMP_STALE_SECONDS = 6 * 3600  # a temp file whose owner is unknown or still running is stale after this
