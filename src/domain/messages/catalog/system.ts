import type { CatalogEntry } from './entry.ts';

/** Messages of the server itself: request bodies, backups, the database, the demo. */
export const SYSTEM = {
  'http.invalid_utf': { vi: 'byte không hợp lệ trong UTF-8', en: 'invalid UTF-8' },
  'http.at_most_levels': { vi: 'tối đa {MAX_JSON_DEPTH} cấp lồng nhau (MAX_JSON_DEPTH)', en: 'at most {MAX_JSON_DEPTH} levels' },
  'http.nul_characters_not_allowed': { vi: 'ký tự NUL (\\u0000) không được phép', en: 'NUL characters are not allowed' },
  'db.exists_backup_never_overwritten': { vi: 'Tệp "{file}" đã có: không ghi đè bản sao lưu', en: '"{file}" exists: a backup is never overwritten' },
  'db.no_such_file': { vi: 'Không có tệp "{file}"', en: 'No such file "{file}"' },
  'db.target_database_has_tables_restore': { vi: 'Cơ sở dữ liệu đích đã có bảng: chỉ khôi phục vào cơ sở dữ liệu trống', en: 'The target database has tables: restore only into an empty one' },
  'db.data_directory_needed_to_restore': { vi: 'Cần thư mục dữ liệu để khôi phục', en: 'A data directory is needed to restore into' },
  'db.not_empty_restore_only_into': { vi: 'Thư mục "{dir}" không trống: chỉ khôi phục vào thư mục mới', en: '"{dir}" is not empty: restore only into a new directory' },
  'db.pglite_data_dir_other_major': {
    vi: 'Thư mục dữ liệu "{dir}" được ghi bởi PostgreSQL {found} (PGlite cũ), bản này dùng PostgreSQL {expected}: không mở được trực tiếp. Xuất bản SQL từ thư mục cũ bằng scripts/pglite-0.4-dump.mjs, rồi "theodoi db restore <tệp.sql>" vào thư mục mới (README: "Upgrading from PGlite 0.4")',
    en: 'Data directory "{dir}" was written by PostgreSQL {found} (an older PGlite); this version runs PostgreSQL {expected} and cannot open it. Dump it to SQL with scripts/pglite-0.4-dump.mjs, then "theodoi db restore <file.sql>" into a new directory (README: "Upgrading from PGlite 0.4")',
  },
  'db.pglite_backup_other_major': {
    vi: 'Bản sao lưu "{file}" chứa thư mục dữ liệu PostgreSQL {found} (PGlite cũ), bản này dùng PostgreSQL {expected}: không khôi phục trực tiếp được. Xuất bản SQL từ thư mục dữ liệu cũ bằng scripts/pglite-0.4-dump.mjs rồi khôi phục tệp .sql (README: "Upgrading from PGlite 0.4")',
    en: 'Backup "{file}" holds a PostgreSQL {found} data directory (an older PGlite); this version runs PostgreSQL {expected} and cannot restore it as is. Dump the old data directory to SQL with scripts/pglite-0.4-dump.mjs and restore the .sql file (README: "Upgrading from PGlite 0.4")',
  },
  'get_public_plan_progress.plan_not_published': { vi: 'Kế hoạch "{ref}" chưa được ban hành', en: 'The plan is not published "{ref}"' },
  'secret.key_malformed': { vi: '{variable} phải là 32 byte, viết bằng 64 ký tự hex hoặc base64 (ví dụ `openssl rand -base64 32`)', en: '{variable} must be 32 bytes as 64 hex digits or base64 (e.g. `openssl rand -base64 32`)' },
  'secret.key_missing': { vi: 'Chưa đặt khóa mã hóa {variable}: không thể lưu khóa ký webhook. Tạo bằng `openssl rand -base64 32`', en: '{variable} is not set, so webhook secrets cannot be stored encrypted; generate one with `openssl rand -base64 32`' },
  'secret.sealed_format_unknown': { vi: 'Khóa bí mật đã mã hóa không đúng định dạng', en: 'The sealed secret has an unknown format' },
  'secret.wrong_key': { vi: 'Không mở được khóa bí mật: {variable} khác khóa đã dùng để mã hóa', en: 'Cannot decrypt a stored secret: {variable} is not the key it was encrypted with' },
  'db.stale_lock_taken_over': { vi: 'Cảnh báo: khoá cũ của thư mục dữ liệu {dir} (pid {pid} trên {host}, từ {since}) không còn tiến trình giữ, đã tiếp quản', en: 'warning: took over a stale lock on {dir} (pid {pid} on {host}, since {since}, no longer runs)' },
  'db.unreadable_lock_taken_over': { vi: 'Cảnh báo: khoá không đọc được của thư mục dữ liệu {dir} đã cũ, đã tiếp quản', en: 'warning: took over a stale, unreadable lock on {dir}' },
  'demo.database_has_own_data': { vi: 'Cơ sở dữ liệu đã có dữ liệu riêng (danh mục, kế hoạch hoặc chỉ số): không nạp thành phố mô phỏng', en: 'The database holds its own data (registry, plans or indicators): the demo city is not loaded' },
  'demo.add_force_to_load': { vi: 'thêm --force để vẫn nạp', en: 'add --force to load it anyway' },
  'report.pdf_chromium_missing': { vi: 'Không tìm thấy Chromium để xuất PDF: cài gói Debian "chromium" hoặc đặt CHROMIUM_PATH', en: 'Chromium not found: install Debian package "chromium" or set CHROMIUM_PATH' },
  'db.data_dir_held_by_server': {
    vi: 'Máy chủ Theo Dõi đang chạy trên thư mục dữ liệu {dir} (pid {pid} trên máy {host}, từ {since}). Cơ sở dữ liệu nhúng (PGlite) chỉ cho một tiến trình mở thư mục này, kể cả chỉ để đọc. Hãy dừng máy chủ (Ctrl+C ở cửa sổ của nó, hoặc kill {pid}) rồi chạy lại lệnh; hoặc làm việc qua giao diện web hay API HTTP của máy chủ đang chạy (ví dụ: tạo mã API trên web — POST /api/v1/tokens — rồi gọi /api/v1/… với "Authorization: Bearer <mã>").',
    en: 'A Theo Dõi server is running on the data directory {dir} (pid {pid} on host {host}, since {since}). The embedded database (PGlite) lets only one process open it, even just to read. Stop the server (Ctrl+C in its window, or kill {pid}) and run the command again; or work through the running server\'s web pages or HTTP API (e.g. create an API token on the web — POST /api/v1/tokens — and call /api/v1/… with "Authorization: Bearer <token>").',
  },
  'db.data_dir_held_by_process': {
    vi: 'Một tiến trình Theo Dõi khác (pid {pid} trên máy {host}, từ {since}, "theodoi {command}") đang mở thư mục dữ liệu {dir}. Cơ sở dữ liệu nhúng (PGlite) chỉ cho một tiến trình mở thư mục này, kể cả chỉ để đọc. Hãy đợi lệnh đó xong (hoặc dừng nó) rồi chạy lại.',
    en: 'Another Theo Dõi process (pid {pid} on host {host}, since {since}, "theodoi {command}") has the data directory {dir} open. The embedded database (PGlite) lets only one process open it, even just to read. Wait for it to finish (or stop it) and run the command again.',
  },
  'db.data_dir_held_unknown': {
    vi: 'Một tiến trình Theo Dõi khác đang mở thư mục dữ liệu {dir} (không đọc được tệp khoá). Cơ sở dữ liệu nhúng (PGlite) chỉ cho một tiến trình mở thư mục này, kể cả chỉ để đọc. Hãy đợi lệnh đó xong (hoặc dừng nó) rồi chạy lại.',
    en: 'Another Theo Dõi process has the data directory {dir} open (its lock file cannot be read). The embedded database (PGlite) lets only one process open it, even just to read. Wait for it to finish (or stop it) and run the command again.',
  },
} as const satisfies Record<string, CatalogEntry>;
