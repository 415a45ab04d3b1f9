"""UI strings in Bahasa Indonesia (default) and English, and number formats for each language.

The UI text lives here. Codes (TL1, TK, BUTUH_PERBAIKAN …) stay codes in the data; people read
them in words from the marts (dim_code_label, dashboards.lib.data.labels), whose words win over
the few kept here as a fallback for releases published before that mart. Numbers, money and dates
are written by eperf.formats: the ``fmt_*`` helpers only delegate to it, so pages, PDF and exports
write a figure alike.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from eperf import formats

LANGUAGES: dict[str, str] = {"id": "Bahasa Indonesia", "en": "English"}
DEFAULT_LANGUAGE = "id"
LANGUAGE_KEY = "lang"  # session-state key of the language switch in streamlit_app.py

STRINGS: dict[str, dict[str, str]] = {
    "app_title": {"id": "e-Performance", "en": "e-Performance"},
    "language": {"id": "Bahasa", "en": "Language"},
    "period": {"id": "Periode", "en": "Period"},
    "section_overview": {"id": "Ikhtisar", "en": "Overview"},
    "page_ringkasan": {"id": "Ringkasan", "en": "Summary"},
    "no_release": {
        "id": "Belum ada data yang diterbitkan. Jalankan `eperf run` untuk memproses sumber data "
        "dan menerbitkan mart, lalu muat ulang halaman ini.",
        "en": "Nothing has been published yet. Run `eperf run` to process the sources and "
        "publish the marts, then reload this page.",
    },
    "kpi_headcount": {"id": "Jumlah pegawai", "en": "Headcount"},
    "kpi_attendance_rate": {"id": "Tingkat kehadiran", "en": "Attendance rate"},
    "kpi_tk_rate": {"id": "Tingkat TK", "en": "TK rate"},
    "kpi_tl_count": {"id": "Jumlah TL", "en": "TL count"},
    "kpi_psw_count": {"id": "Jumlah PSW", "en": "PSW count"},
    "kpi_avg_capaian": {"id": "Rata-rata capaian", "en": "Average achievement"},
    "kpi_realisation": {"id": "Realisasi tukin", "en": "Tukin realisation"},
    "kpi_tukin_net": {"id": "Total tukin dibayar", "en": "Total tukin paid"},
    "help_attendance_rate": {
        "id": "Σ hari hadir ÷ Σ (hari hadir + hari TK).",
        "en": "Σ present days ÷ Σ (present days + TK days).",
    },
    "help_tk_rate": {
        "id": "Σ hari TK (tanpa keterangan) ÷ Σ hari kerja dengan penugasan.",
        "en": "Σ TK days (absent without notice) ÷ Σ assigned workdays.",
    },
    "help_realisation": {
        "id": "Σ tukin dibayar ÷ Σ tukin potensial.",
        "en": "Σ tukin paid ÷ Σ potential tukin.",
    },
    "delta_vs": {"id": "vs {period}", "en": "vs {period}"},
    "provisional": {"id": "sementara", "en": "provisional"},
    "verdicts_provisional": {
        "id": "Periode ini masih terbuka: laporan kegiatan yang belum diverifikasi belum dihitung, "
        "jadi status kecukupan pegawai di bawah ini sementara.",
        "en": "This period is still open: activity reports not yet verified are not counted, so "
        "the staffing verdicts below are provisional.",
    },
    "promotion_history_short": {
        "id": "Riwayat kinerja baru {years} tahun lengkap dalam rilis ini; kenaikan pangkat "
        "reguler memerlukan predikat tahunan {needed} tahun lengkap terakhir (R8), jadi pegawai "
        'dengan alasan "Riwayat kinerja tidak lengkap" terhambat karena data, bukan kinerja.',
        "en": "This release holds only {years} complete year(s) of performance history; a regular "
        "promotion needs the annual predicates of the last {needed} complete years (R8), so "
        'employees blocked for "incomplete performance history" are blocked by the data, not '
        "their performance.",
    },
    "help_headcount": {
        "id": "Pegawai yang bertugas di unit pada hari terakhir periode (R5). Halaman Promosi, "
        "Pengembangan dan Indikator RB menghitung semua pegawai dengan minimal satu hari kerja "
        "bertugas dalam periode, termasuk yang pindah atau berhenti di tengah bulan, sehingga "
        "angkanya dapat sedikit lebih besar.",
        "en": "Employees assigned to the unit on the period's last day (R5). The Promotion, "
        "Development and RB indicator pages count every employee with at least one assigned "
        "workday in the period, including those who moved or left mid-month, so their figure "
        "can be slightly larger.",
    },
    "headcount_employee_months": {
        "id": "Dihitung: {n} pegawai dengan minimal satu hari kerja bertugas dalam periode "
        "(termasuk yang pindah atau berhenti di tengah bulan; Ringkasan menghitung pegawai pada "
        "hari terakhir periode).",
        "en": "Counted: {n} employees with at least one assigned workday in the period (including "
        "those who moved or left mid-month; the Summary counts employees on the period's last "
        "day).",
    },
    "delta_vs_open": {
        "id": "vs {period} · bulan terbuka: angka sementara",
        "en": "vs {period} · open month: provisional figures",
    },
    "pp": {"id": "poin", "en": "pp"},
    "trend_title": {"id": "Tren bulanan", "en": "Monthly trend"},
    "eselon1_title": {"id": "Perbandingan Eselon I", "en": "Eselon I comparison"},
    "attention_title": {"id": "Unit yang perlu perhatian", "en": "Units needing attention"},
    "attention_caption": {
        "id": "Maksimal {limit} unit dengan tingkat TK tertinggi pada {period}; hanya unit "
        "dengan minimal {min} pegawai.",
        "en": "Up to {limit} units with the highest TK rate in {period}; only units with at "
        "least {min} employees.",
    },
    "attention_empty": {
        "id": "Tidak ada unit dengan minimal {min} pegawai pada periode ini.",
        "en": "No unit has at least {min} employees in this period.",
    },
    "col_eselon1": {"id": "Unit Eselon I", "en": "Eselon I unit"},
    "col_unit": {"id": "Unit", "en": "Unit"},
    "col_period": {"id": "Periode", "en": "Period"},
    "col_percent": {"id": "Persen", "en": "Percent"},
    "unmapped_unit": {"id": "(tanpa Eselon I)", "en": "(no Eselon I)"},
    "footer": {
        "id": "Rilis {release_id} · diterbitkan {published_at} · aturan {rule_set}",
        "en": "Release {release_id} · published {published_at} · rule set {rule_set}",
    },
    # pages and scope
    "page_telusuri": {"id": "Telusuri", "en": "Drill down"},
    "page_pegawai": {"id": "Slip pegawai", "en": "Employee statement"},
    "page_kualitas": {"id": "Kualitas data", "en": "Data quality"},
    "page_denied": {
        "id": "Akses ditolak: peran Anda tidak dapat membuka halaman ini.",
        "en": "Access denied: your role cannot open this page.",
    },
    "no_data_in_scope": {
        "id": "Tidak ada data dalam cakupan akses Anda.",
        "en": "There is no data within your access scope.",
    },
    "scope_caption": {"id": "Cakupan: {units}", "en": "Scope: {units}"},
    "subunits_title": {"id": "Perbandingan unit di bawahnya", "en": "Units one level below"},
    "subunits_empty": {
        "id": "Tidak ada unit di bawah cakupan ini.",
        "en": "There are no units below this scope.",
    },
    # sign-in
    "sign_in_title": {"id": "Masuk", "en": "Sign in"},
    "login_username": {"id": "Nama pengguna", "en": "Username"},
    "login_password": {"id": "Kata sandi", "en": "Password"},
    "login_submit": {"id": "Masuk", "en": "Sign in"},
    "login_failed": {
        "id": "Nama pengguna atau kata sandi salah.",
        "en": "Wrong username or password.",
    },
    "login_wait": {
        "id": "Terlalu banyak percobaan gagal. Coba lagi dalam {seconds} detik.",
        "en": "Too many failed attempts. Try again in {seconds} seconds.",
    },
    "session_expired": {
        "id": "Sesi Anda berakhir karena tidak aktif selama {minutes} menit. Silakan masuk lagi.",
        "en": "Your session ended after {minutes} minutes without activity. Please sign in again.",
    },
    "session_too_long": {
        "id": "Sesi Anda berakhir setelah {hours} jam. Silakan masuk lagi.",
        "en": "Your session ended after {hours} hours. Please sign in again.",
    },
    "signed_out": {"id": "Anda telah keluar.", "en": "You have signed out."},
    "sign_out": {"id": "Keluar", "en": "Sign out"},
    "signed_in_as": {
        "id": "Masuk sebagai {username} ({role})",
        "en": "Signed in as {username} ({role})",
    },
    "no_users_file": {
        "id": "Belum ada pengguna: berkas `{path}` tidak ada, jadi tidak ada yang bisa masuk. "
        "Buat akun dengan\n\n`eperf users add --username NAMA --role PERAN "
        "--unit UNIT [--nip NIP]`\n\n(peran: MENTERI, PIMPINAN, PERENCANA, EVALUATOR_RB, "
        "PEGAWAI, ADMIN_DATA; lihat `dashboards/users.example.toml`). Untuk demo, jalankan "
        "dengan `EPERF_DEMO_LOGIN=1`.",
        "en": "No users yet: the file `{path}` does not exist, so nobody can sign in. Create an "
        "account with\n\n`eperf users add --username NAME --role ROLE "
        "--unit UNIT [--nip NIP]`\n\n(roles: MENTERI, PIMPINAN, PERENCANA, EVALUATOR_RB, "
        "PEGAWAI, ADMIN_DATA; see `dashboards/users.example.toml`). For a demo, run with "
        "`EPERF_DEMO_LOGIN=1`.",
    },
    "bad_users_file": {
        "id": "Berkas pengguna `{path}` tidak dapat dibaca ({error}); tidak ada yang bisa masuk.",
        "en": "The users file `{path}` cannot be read ({error}); nobody can sign in.",
    },
    "demo_accounts": {
        "id": "Mode demo — akun demo (kata sandi = nama pengguna): menteri, pimpinan-rehsos, "
        "perencana-rehsos, evaluator-rb, pegawai, admin-data. Jangan dipakai di produksi.",
        "en": "Demo mode — demo accounts (password = username): menteri, pimpinan-rehsos, "
        "perencana-rehsos, evaluator-rb, pegawai, admin-data. Never use in production.",
    },
    "role_MENTERI": {"id": "Menteri", "en": "Minister"},
    "role_PIMPINAN": {"id": "Pimpinan unit", "en": "Unit head"},
    "role_PERENCANA": {"id": "Perencana", "en": "Planner"},
    "role_EVALUATOR_RB": {"id": "Evaluator RB", "en": "RB evaluator"},
    "role_PEGAWAI": {"id": "Pegawai", "en": "Employee"},
    "role_ADMIN_DATA": {"id": "Admin data", "en": "Data administrator"},
    # Telusuri
    "unit_denied": {
        "id": "Akses ditolak: unit ini tidak ada atau berada di luar cakupan akses Anda.",
        "en": "Access denied: this unit does not exist or is outside your access scope.",
    },
    "back_to_my_unit": {"id": "Kembali ke unit saya", "en": "Back to my unit"},
    "unit_no_data": {
        "id": "Unit ini tidak memiliki data pada {period}.",
        "en": "This unit has no data in {period}.",
    },
    "children_title": {"id": "Unit di bawahnya", "en": "Units below"},
    "children_caption": {
        "id": "Klik satu baris untuk membuka unit tersebut.",
        "en": "Click a row to open that unit.",
    },
    "children_empty": {"id": "Tidak ada unit di bawah unit ini.", "en": "No units below this one."},
    "employees_title": {"id": "Pegawai unit ini", "en": "Employees of this unit"},
    "employees_hidden": {
        "id": "Daftar pegawai tidak ditampilkan: peran Anda tidak mencakup data pribadi.",
        "en": "The employee list is not shown: your role does not include personal data.",
    },
    "employees_empty": {
        "id": "Tidak ada pegawai yang langsung berada di unit ini pada periode ini.",
        "en": "No employee belongs directly to this unit in this period.",
    },
    "open_statement": {"id": "Lihat slip", "en": "Open statement"},
    # Pegawai
    "search_employee": {"id": "Cari nama atau NIP", "en": "Search name or NIP"},
    "choose_employee": {"id": "Pegawai", "en": "Employee"},
    "choose_employee_placeholder": {"id": "Pilih pegawai", "en": "Choose an employee"},
    "employee_denied": {
        "id": "Akses ditolak: pegawai ini berada di luar cakupan akses Anda atau tidak memiliki "
        "data pada periode ini.",
        "en": "Access denied: this employee is outside your access scope or has no data in "
        "this period.",
    },
    "statement_missing": {
        "id": "Tidak ada slip untuk periode {period}.",
        "en": "There is no statement for {period}.",
    },
    "statement_caption": {
        "id": "{unit} · kelas jabatan {job_class} · {status} · periode {period}",
        "en": "{unit} · job class {job_class} · {status} · period {period}",
    },
    "calendar_title": {"id": "Kalender kehadiran", "en": "Attendance calendar"},
    "weekdays": {"id": "Sen,Sel,Rab,Kam,Jum,Sab,Min", "en": "Mon,Tue,Wed,Thu,Fri,Sat,Sun"},
    "minutes": {"id": "menit", "en": "minutes"},
    "cal_HADIR": {"id": "Hadir", "en": "Present"},
    "cal_HADIR_TL_PSW": {"id": "Hadir dengan TL/PSW", "en": "Present with TL/PSW"},
    "cal_TK": {"id": "TK (tanpa keterangan)", "en": "TK (absent without notice)"},
    "cal_DINAS_LUAR": {"id": "Dinas luar", "en": "Official travel"},
    "cal_CUTI": {"id": "Cuti", "en": "Leave"},
    "cal_NO_WORKDAY": {
        "id": "Libur / tanpa penugasan",
        "en": "Day off / no assignment",
    },
    "cause_POTENTIAL": {"id": "Tukin potensial", "en": "Potential tukin"},
    "cause_TL": {"id": "Terlambat (TL)", "en": "Late (TL)"},
    "cause_PSW": {"id": "Pulang cepat (PSW)", "en": "Left early (PSW)"},
    "cause_TK": {"id": "Tanpa keterangan (TK)", "en": "Absent (TK)"},
    "cause_PERFORMANCE": {"id": "Capaian kinerja", "en": "Performance"},
    "cause_LEAVE": {"id": "Faktor cuti", "en": "Leave factor"},
    "cause_SANCTION": {"id": "Hukuman disiplin", "en": "Disciplinary sanction"},
    "cause_CAP": {"id": "Batas potongan", "en": "Deduction cap"},
    "cause_ROUNDING": {"id": "Selisih pembulatan", "en": "Rounding difference"},
    "cause_NET": {"id": "Tukin dibayar", "en": "Tukin paid"},
    "waterfall_title": {
        "id": "Dari tukin potensial ke tukin dibayar",
        "en": "From potential to paid tukin",
    },
    "stmt_pdf_title": {"id": "Slip Tunjangan Kinerja", "en": "Performance Allowance Statement"},
    "stmt_base": {"id": "Tukin dasar (kelas jabatan)", "en": "Base tukin (job class)"},
    "stmt_potential": {"id": "Tukin potensial", "en": "Potential tukin"},
    "stmt_capaian": {"id": "Capaian kinerja", "en": "Achievement"},
    "stmt_predicate": {"id": "Predikat", "en": "Predicate"},
    "stmt_days": {"id": "Hari", "en": "Days"},
    "stmt_days_value": {
        "id": "{workdays} hari kerja · hadir {hadir} · TK {tk} · cuti {leave} · TL {tl} · "
        "PSW {psw}",
        "en": "{workdays} workdays · present {hadir} · TK {tk} · leave {leave} · TL {tl} · "
        "PSW {psw}",
    },
    "stmt_deductions": {"id": "Total potongan", "en": "Total deductions"},
    "stmt_net": {"id": "Tukin dibayar", "en": "Tukin paid"},
    "stmt_lines_title": {"id": "Rincian potongan", "en": "Deduction lines"},
    "stmt_no_lines": {
        "id": "Tidak ada potongan pada periode ini.",
        "en": "No deductions in this period.",
    },
    "stmt_check": {
        "id": "Jumlah potongan {total} = tukin potensial {potential} − tukin dibayar {net}.",
        "en": "Total deductions {total} = potential tukin {potential} − tukin paid {net}.",
    },
    "download_pdf": {"id": "Unduh slip (PDF)", "en": "Download statement (PDF)"},
    "col_nip": {"id": "NIP", "en": "NIP"},
    "col_name": {"id": "Nama", "en": "Name"},
    "col_job_class": {"id": "Kelas jabatan", "en": "Job class"},
    "col_employment_status": {"id": "Status kepegawaian", "en": "Employment status"},
    "col_hadir_days": {"id": "Hari hadir", "en": "Days present"},
    "col_tk_days": {"id": "Hari TK", "en": "TK days"},
    "col_leave_days": {"id": "Hari cuti", "en": "Leave days"},
    "col_line_no": {"id": "No", "en": "No"},
    "col_cause": {"id": "Sebab", "en": "Cause"},
    "col_code": {"id": "Kode", "en": "Code"},
    "col_date": {"id": "Tanggal", "en": "Date"},
    "col_pct": {"id": "%", "en": "%"},
    "col_amount": {"id": "Potongan (Rp)", "en": "Deduction (Rp)"},
    "col_balance": {"id": "Sisa (Rp)", "en": "Balance (Rp)"},
    "col_rule": {"id": "Aturan", "en": "Rule"},
    "col_description": {"id": "Keterangan", "en": "Explanation"},
    # Kualitas data
    "quality_release": {"id": "Rilis", "en": "Release"},
    "quality_rule_set": {"id": "Aturan", "en": "Rule set"},
    "quality_marts": {"id": "Mart diterbitkan", "en": "Marts published"},
    "quality_marts_title": {"id": "Baris per mart", "en": "Rows per mart"},
    "quality_sources_title": {"id": "Baris per tabel sumber", "en": "Rows per source table"},
    "quality_table": {"id": "Tabel", "en": "Table"},
    "quality_rows": {"id": "Baris", "en": "Rows"},
    "quality_none": {"id": "Tidak ada data.", "en": "No data."},
    # --- leadership pages: Kedisiplinan, Kinerja, Beban Kerja, Promosi, Indikator RB
    "page_kedisiplinan": {"id": "Kedisiplinan", "en": "Discipline"},
    "page_kinerja": {"id": "Kinerja", "en": "Performance"},
    "page_beban_kerja": {"id": "Beban kerja", "en": "Workload"},
    "page_promosi": {"id": "Promosi", "en": "Promotion"},
    "page_indikator_rb": {"id": "Indikator RB", "en": "Reform indicators"},
    "whole_scope": {"id": "Seluruh cakupan", "en": "Whole scope"},
    "yes": {"id": "Ya", "en": "Yes"},
    "no": {"id": "Tidak", "en": "No"},
    "groups_suppressed": {
        "id": "{n} unit dengan kurang dari {min} pegawai tidak menampilkan angka (perlindungan "
        "data pribadi).",
        "en": "{n} units with fewer than {min} employees show no figures (personal-data "
        "protection).",
    },
    "small_units_left_out": {
        "id": "Unit dengan kurang dari {min} pegawai tidak ditampilkan (perlindungan data "
        "pribadi).",
        "en": "Units with fewer than {min} employees are not shown (personal-data protection).",
    },
    "group_too_small_or_empty": {
        "id": "Tidak ada data, atau kelompok ini kurang dari {min} pegawai sehingga angkanya "
        "tidak ditampilkan.",
        "en": "No data, or this group has fewer than {min} employees so its figures are not shown.",
    },
    "personal_list_hidden": {
        "id": "Daftar per pegawai tidak ditampilkan: peran Anda tidak mencakup data pribadi.",
        "en": "The per-employee list is not shown: your role does not include personal data.",
    },
    "list_truncated": {
        "id": "Hanya {limit} baris pertama yang ditampilkan.",
        "en": "Only the first {limit} rows are shown.",
    },
    "checkin_title": {"id": "Sebaran jam datang", "en": "Check-in times"},
    "checkin_caption": {
        "id": "Jumlah absen datang per hari dan per {minutes} menit (waktu setempat unit).",
        "en": "Check-ins per weekday and per {minutes} minutes (the unit's local time).",
    },
    "checkins": {"id": "absen datang", "en": "check-ins"},
    "discipline_units_title": {"id": "TL, PSW dan TK per unit", "en": "TL, PSW and TK by unit"},
    "discipline_units_caption": {
        "id": "{n} unit dengan jumlah TL + PSW + TK terbanyak (anggota langsung unit).",
        "en": "The {n} units with the most TL + PSW + TK (direct members of each unit).",
    },
    "referrals_title": {"id": "Rujukan disiplin (PP 94/2021)", "en": "Discipline referrals"},
    "referrals_caption": {
        "id": "Pegawai yang pada periode ini masuk tingkat hukuman disiplin baru atau TK 10 hari "
        "kerja berturut-turut, per unit dan rekomendasi hukuman.",
        "en": "Employees who crossed into a new PP 94/2021 band this period, or were absent 10 "
        "workdays in a row, by unit and recommended sanction.",
    },
    "referrals_empty": {"id": "Tidak ada rujukan disiplin.", "en": "No discipline referrals."},
    "referrals_list_title": {"id": "Pegawai yang dirujuk", "en": "Referred employees"},
    "capaian_title": {"id": "Sebaran capaian kinerja", "en": "Achievement distribution"},
    "predicate_title": {"id": "Sebaran predikat", "en": "Predicate distribution"},
    "pred_SANGAT_BAIK": {"id": "Sangat baik", "en": "Very good"},
    "pred_BAIK": {"id": "Baik", "en": "Good"},
    "pred_BUTUH_PERBAIKAN": {"id": "Butuh perbaikan", "en": "Needs improvement"},
    "pred_KURANG": {"id": "Kurang", "en": "Poor"},
    "pred_SANGAT_KURANG": {"id": "Sangat kurang", "en": "Very poor"},
    "pattern_title": {
        "id": "Pola distribusi predikat (SE MenPAN-RB 3/2023)",
        "en": "Predicate pattern (SE MenPAN-RB 3/2023)",
    },
    "pattern_caption": {
        "id": "Ketentuan pola untuk predikat unit yang terpenuhi oleh sebaran predikat pegawainya.",
        "en": "Pattern rules for the unit's own predicate met by its employees' predicates.",
    },
    "pattern_rules_met": {"id": "Ketentuan terpenuhi", "en": "Rules met"},
    "pattern_fits": {"id": "Sesuai pola", "en": "Fits"},
    "timeliness_title": {
        "id": "Ketepatan waktu verifikasi atasan",
        "en": "Supervisor verification timeliness",
    },
    "integrity_title": {"id": "Tanda integritas", "en": "Integrity flags"},
    "integrity_caption": {
        "id": "Petunjuk untuk ditinjau atasan, bukan putusan (R10).",
        "en": "Leads for a supervisor to review, not verdicts (R10).",
    },
    "integrity_empty": {"id": "Tidak ada tanda integritas.", "en": "No integrity flags."},
    "integrity_list_title": {"id": "Rincian tanda", "en": "Flag details"},
    "staff_scope": {"id": "Pegawai yang dihitung", "en": "Employees counted"},
    "staff_scope_DIRECT": {"id": "Anggota langsung unit", "en": "Direct members"},
    "staff_scope_SUBTREE": {"id": "Unit dan unit di bawahnya", "en": "Unit and units below"},
    "staffing_units_title": {
        "id": "Efektivitas jabatan per unit (PermenPAN-RB 1/2020)",
        "en": "Job effectiveness by unit (PermenPAN-RB 1/2020)",
    },
    "verdict_KURANG_PEGAWAI": {"id": "Kurang pegawai", "en": "Understaffed"},
    "verdict_SESUAI": {"id": "Sesuai", "en": "Adequate"},
    "verdict_KELEBIHAN_PEGAWAI": {"id": "Kelebihan pegawai", "en": "Overstaffed"},
    "staffing_heatmap_title": {"id": "EJ per bulan", "en": "EJ by month"},
    "staffing_heatmap_caption": {
        "id": "{n} unit dengan selisih FTE terbesar pada periode ini; merah = EJ di atas 1 "
        "(beban melebihi pegawai), biru = di bawah 1.",
        "en": "The {n} units with the largest FTE gap this period; red = EJ above 1 (more work "
        "than staff), blue = below 1.",
    },
    "projection_title": {"id": "Proyeksi 12 bulan", "en": "12-month projection"},
    "projection_caption": {
        "id": "FTE setelah pegawai keluar atau pensiun yang sudah diketahui; beban kerja bulan "
        "terakhir dianggap tetap.",
        "en": "FTE after known exits and retirements; the last month's workload held constant.",
    },
    "what_if_title": {"id": "Simulasi pindah pegawai", "en": "What-if: move staff"},
    "what_if_from": {"id": "Dari unit", "en": "From unit"},
    "what_if_to": {"id": "Ke unit", "en": "To unit"},
    "what_if_fte": {"id": "FTE dipindah", "en": "FTE moved"},
    "what_if_fte_before": {"id": "FTE sebelum", "en": "FTE before"},
    "what_if_fte_after": {"id": "FTE sesudah", "en": "FTE after"},
    "what_if_ej_before": {"id": "EJ sebelum", "en": "EJ before"},
    "what_if_ej_after": {"id": "EJ sesudah", "en": "EJ after"},
    "what_if_pj_before": {"id": "PJ sebelum", "en": "PJ before"},
    "what_if_pj_after": {"id": "PJ sesudah", "en": "PJ after"},
    "what_if_verdict_before": {"id": "Status sebelum", "en": "Verdict before"},
    "what_if_verdict_after": {"id": "Status sesudah", "en": "Verdict after"},
    "what_if_caption": {
        "id": "Beban kerja tetap; EJ dan status dihitung dengan ambang yang sama dengan model "
        "(aturan yang diterbitkan: {basis}).",
        "en": "Workload held; EJ and verdict use the same thresholds as the model (published "
        "rules: {basis}).",
    },
    "what_if_unavailable": {
        "id": "Perlu minimal dua unit dengan EJ yang dapat ditampilkan.",
        "en": "Needs at least two units with an EJ that can be shown.",
    },
    "status_ELIGIBLE": {"id": "Memenuhi syarat", "en": "Eligible"},
    "status_ELIGIBLE_SOON": {"id": "Segera memenuhi syarat", "en": "Eligible soon"},
    "status_BLOCKED": {"id": "Terhambat", "en": "Blocked"},
    "reasons_title": {"id": "Penghambat kenaikan pangkat", "en": "Promotion blockers"},
    "reasons_caption": {
        "id": "Persentase pegawai yang terhambat oleh tiap alasan, untuk seluruh cakupan dan "
        "unit di bawahnya.",
        "en": "Share of employees blocked by each reason, for the whole scope and the units "
        "below it.",
    },
    "reasons_empty": {"id": "Tidak ada penghambat.", "en": "No blockers."},
    "reason_BUKAN_PNS": {"id": "Bukan PNS", "en": "Not a civil servant"},
    "reason_DATA_PANGKAT_TIDAK_LENGKAP": {
        "id": "Data pangkat tidak lengkap",
        "en": "Rank data incomplete",
    },
    "reason_PANGKAT_PUNCAK": {"id": "Pangkat puncak", "en": "Top rank"},
    "reason_MASA_KERJA_BELUM_CUKUP": {"id": "Masa kerja belum cukup", "en": "Not yet due"},
    "reason_RIWAYAT_KINERJA_TIDAK_LENGKAP": {
        "id": "Riwayat kinerja tidak lengkap",
        "en": "Performance history incomplete",
    },
    "reason_PREDIKAT_TAHUN": {"id": "Predikat tahunan", "en": "Annual predicate"},
    "reason_HUKUMAN_DISIPLIN": {"id": "Hukuman disiplin", "en": "Disciplinary sanction"},
    "promotion_list_title": {"id": "Pegawai", "en": "Employees"},
    "rb_unit_title": {"id": "Indikator {unit}", "en": "Indicators of {unit}"},
    "rb_children_title": {"id": "Unit di bawahnya (nilai, %)", "en": "Units below (value, %)"},
    "rb_download_title": {"id": "Unduh", "en": "Download"},
    "download_xlsx": {"id": "Unduh XLSX", "en": "Download XLSX"},
    "download_csv": {"id": "Unduh CSV", "en": "Download CSV"},
    "download_rb_caption": {
        "id": "{rows} baris indikator seluruh unit dalam cakupan Anda, dengan definisi dan "
        "provenans, sama dengan `eperf export`. Setiap unduhan dicatat di log audit.",
        "en": "{rows} indicator rows of every unit in your scope, with definitions and "
        "provenance, as `eperf export` writes them. Every download is audited.",
    },
    "col_trigger": {"id": "Pemicu", "en": "Trigger"},
    "col_discipline_days_ytd": {
        "id": "Hari disiplin (tahun berjalan)",
        "en": "Discipline days YTD",
    },
    "col_tk_days_ytd": {"id": "Hari TK (tahun berjalan)", "en": "TK days YTD"},
    "col_late_early_minutes_ytd": {
        "id": "Menit TL + PSW (tahun berjalan)",
        "en": "Late + early minutes YTD",
    },
    "col_recommended_sanction": {"id": "Rekomendasi hukuman", "en": "Recommended sanction"},
    "col_evidence": {"id": "Tanggal bukti", "en": "Evidence dates"},
    "col_fte_actual": {"id": "FTE", "en": "FTE"},
    "col_fte_needed": {"id": "FTE dibutuhkan", "en": "FTE needed"},
    "col_gap": {"id": "Selisih FTE", "en": "FTE gap"},
    "col_ej": {"id": "EJ", "en": "EJ"},
    "col_pj_band": {"id": "PJ", "en": "PJ band"},
    "col_verdict": {"id": "Status", "en": "Verdict"},
    "col_flag_code": {"id": "Tanda", "en": "Flag"},
    "col_device": {"id": "Mesin", "en": "Device"},
    "col_metric_value": {"id": "Nilai terukur", "en": "Measured"},
    "col_threshold_value": {"id": "Batas", "en": "Threshold"},
    "col_metric_unit": {"id": "Satuan", "en": "Unit of measure"},
    "col_details": {"id": "Rincian", "en": "Details"},
    "col_flags": {"id": "Tanda", "en": "Flags"},
    "col_subjects": {"id": "Pegawai/mesin", "en": "Employees/devices"},
    "col_rank_grade": {"id": "Pangkat", "en": "Rank"},
    "col_rank_since": {"id": "TMT pangkat", "en": "Rank since"},
    "col_next_rank_grade": {"id": "Pangkat berikut", "en": "Next rank"},
    "col_eligible_from": {"id": "Jatuh tempo", "en": "Due from"},
    "col_status": {"id": "Status", "en": "Status"},
    "col_reasons": {"id": "Alasan", "en": "Reasons"},
    "col_annual_predicates": {"id": "Predikat tahunan", "en": "Annual predicates"},
    "col_blocking_sanctions": {"id": "Hukuman penghambat", "en": "Blocking sanctions"},
    "col_indicator_code": {"id": "Kode indikator", "en": "Indicator code"},
    "col_indicator_name": {"id": "Nama indikator", "en": "Indicator"},
    "col_value": {"id": "Nilai (%)", "en": "Value (%)"},
    "col_numerator": {"id": "Pembilang", "en": "Numerator"},
    "col_denominator": {"id": "Penyebut", "en": "Denominator"},
    "col_formula": {"id": "Rumus", "en": "Formula"},
    "col_legal_basis": {"id": "Dasar hukum", "en": "Legal basis"},
    "col_employees": {"id": "Pegawai", "en": "Employees"},
}

# --- Output & Anggaran and Pengembangan pages ----------------------------------------
STRINGS |= {
    "page_output": {"id": "Output & Anggaran", "en": "Outputs & Budget"},
    "page_pengembangan": {"id": "Pengembangan", "en": "Development"},
    "choose_unit": {"id": "Unit", "en": "Unit"},
    "out_no_data": {
        "id": "Belum ada output RKAKL untuk unit ini pada {period}.",
        "en": "There are no RKAKL outputs for this unit in {period}.",
    },
    "out_kpi_outputs": {"id": "Jumlah output", "en": "Outputs"},
    "out_kpi_behind": {"id": "Output tertinggal", "en": "Outputs behind plan"},
    "out_kpi_realisation": {"id": "Realisasi output", "en": "Output realisation"},
    "out_kpi_plan": {"id": "Rencana (linear)", "en": "Plan (linear)"},
    "out_kpi_no_output": {"id": "Menit tanpa output", "en": "Minutes with no output"},
    "out_kpi_allocated": {"id": "Tukin untuk output", "en": "Tukin on outputs"},
    "help_out_realisation": {
        "id": "Rata-rata realisasi output tertimbang anggaran: Σ (anggaran × volume ÷ target) "
        "÷ Σ anggaran, sejak awal tahun anggaran.",
        "en": "Budget-weighted mean realisation: Σ (budget × volume ÷ target) ÷ Σ budget, "
        "fiscal year to date.",
    },
    "help_out_no_output": {
        "id": "Bagian menit kerja diakui yang dipakai untuk kegiatan tanpa output RKAKL.",
        "en": "Share of credited minutes spent on activities linked to no RKAKL output.",
    },
    "out_behind_title": {
        "id": "Output, yang tertinggal dari rencana lebih dulu",
        "en": "Outputs, those behind plan first",
    },
    "out_trend_title": {"id": "Tren realisasi output", "en": "Output realisation trend"},
    "out_cost_title": {
        "id": "Biaya tukin per satuan output",
        "en": "Tukin cost per unit of output",
    },
    "out_cost_caption": {
        "id": "Tukin bersih yang dialokasikan ke output menurut menit kerja diakui, dibagi volume "
        "yang direalisasikan sejak awal tahun.",
        "en": "Net tukin allocated to the output by credited minutes, divided by the volume "
        "realised so far this fiscal year.",
    },
    "out_no_output_title": {
        "id": "Menit kerja tanpa output per unit",
        "en": "Minutes with no output by unit",
    },
    "out_series_realisation": {"id": "Realisasi", "en": "Realisation"},
    "out_series_plan": {"id": "Rencana", "en": "Plan"},
    "col_output_code": {"id": "Kode output", "en": "Output code"},
    "col_output_name": {"id": "Output", "en": "Output"},
    "col_output_unit": {"id": "Satuan", "en": "Unit of output"},
    "col_target_volume": {"id": "Target", "en": "Target"},
    "col_realised_volume": {"id": "Realisasi volume", "en": "Volume realised"},
    "col_planned_pct": {"id": "Rencana", "en": "Plan"},
    "col_status": {"id": "Status", "en": "Status"},
    "col_budget": {"id": "Anggaran", "en": "Budget"},
    "col_allocated_tukin": {"id": "Tukin dialokasikan", "en": "Tukin allocated"},
    "col_tukin_per_unit": {"id": "Tukin per satuan", "en": "Tukin per unit"},
    "col_no_output_pct": {"id": "Menit tanpa output", "en": "Minutes with no output"},
    "dev_no_data": {
        "id": "Belum ada peta pengembangan untuk unit ini pada {period}.",
        "en": "There is no development map for this unit in {period}.",
    },
    "dev_grid_title": {
        "id": "Peta kinerja × perilaku (3 periode terakhir)",
        "en": "Performance × behaviour map (last 3 periods)",
    },
    "dev_axis_performance": {"id": "Kinerja", "en": "Performance"},
    "dev_axis_behaviour": {"id": "Perilaku", "en": "Behaviour"},
    "dev_level_LOW": {"id": "Rendah", "en": "Low"},
    "dev_level_MID": {"id": "Sedang", "en": "Medium"},
    "dev_level_HIGH": {"id": "Tinggi", "en": "High"},
    "dev_recommendations_title": {"id": "Rekomendasi", "en": "Recommendations"},
    "dev_rec_SIAP_PENGEMBANGAN_KARIER": {
        "id": "Siap pengembangan karier",
        "en": "Ready for career development",
    },
    "dev_rec_PEMBINAAN_KINERJA": {"id": "Pembinaan kinerja", "en": "Performance coaching"},
    "dev_rec_PEMBINAAN_PERILAKU": {"id": "Pembinaan perilaku", "en": "Behaviour coaching"},
    "dev_rec_PEMBINAAN_DISIPLIN": {"id": "Pembinaan disiplin", "en": "Discipline coaching"},
    "col_recommendation": {"id": "Rekomendasi", "en": "Recommendation"},
    "col_employees": {"id": "Pegawai", "en": "Employees"},
    "dev_cell_title": {"id": "Pegawai dalam satu kotak", "en": "Employees of one cell"},
    "dev_cell_choose": {"id": "Kotak (kinerja / perilaku)", "en": "Cell (performance / behaviour)"},
    "dev_cell_hidden": {
        "id": "Daftar pegawai hanya untuk peran yang boleh melihat data pribadi.",
        "en": "The list of employees is only for roles allowed to see personal data.",
    },
    "dev_cell_empty": {"id": "Tidak ada pegawai di kotak ini.", "en": "No employee in this cell."},
    "col_avg_capaian": {"id": "Rata-rata capaian", "en": "Average achievement"},
    "col_recommendations": {"id": "Rekomendasi", "en": "Recommendations"},
}
# --- data quality: the quarantine, the checks, the load log (Kualitas data) and the statement's
# warning. Reason codes (ingestion/quarantine.py REASONS) are always shown with their words.
STRINGS |= {
    "qreason_BAD_TYPE": {"id": "Nilai tidak sesuai tipe data", "en": "Value of the wrong type"},
    "qreason_BAD_TIMESTAMP": {"id": "Waktu absen tidak valid", "en": "Invalid punch time"},
    "qreason_FUTURE_TIMESTAMP": {
        "id": "Waktu absen di masa depan",
        "en": "Punch time in the future",
    },
    "qreason_UNREGISTERED_DEVICE": {
        "id": "Mesin absensi tidak terdaftar",
        "en": "Unregistered attendance device",
    },
    "qreason_UNKNOWN_PIN": {"id": "PIN tidak dikenal", "en": "Unknown PIN"},
    "qreason_DUPLICATE": {"id": "Absen ganda", "en": "Duplicate punch"},
    "qreason_TRUNCATED_LINE": {"id": "Baris terpotong", "en": "Truncated line"},
    "qreason_BAD_FIELD_COUNT": {"id": "Jumlah kolom salah", "en": "Wrong number of fields"},
    "qreason_BAD_ENUM": {"id": "Kode tidak diizinkan", "en": "Value not allowed"},
    "qreason_MISSING_KEY": {"id": "Kunci kosong", "en": "Missing key"},
    "qreason_MISSING_VALUE": {"id": "Nilai wajib kosong", "en": "Required value missing"},
    "qreason_OUT_OF_RANGE": {"id": "Nilai di luar batas", "en": "Value out of range"},
    "qreason_DATES_OUT_OF_ORDER": {
        "id": "Tanggal akhir sebelum tanggal mulai",
        "en": "End date before start date",
    },
    "qreason_BAD_FORMAT": {"id": "Format tidak sesuai", "en": "Wrong format"},
    "qreason_UNKNOWN_REFERENCE": {
        "id": "Merujuk data yang tidak ada",
        "en": "Refers to unknown data",
    },
    "qreason_DUPLICATE_KEY": {"id": "Kunci ganda", "en": "Duplicate key"},
    "qreason_other": {"id": "Alasan lain", "en": "Other reason"},
    "qsource_simpeg": {"id": "SIMPEG (kepegawaian)", "en": "SIMPEG (personnel)"},
    "qsource_app": {"id": "Aplikasi e-Kinerja", "en": "e-Kinerja app"},
    "qsource_attendance": {"id": "Mesin absensi", "en": "Attendance devices"},
    "quarantine_title": {"id": "Karantina data sumber", "en": "Source data quarantine"},
    "quarantine_caption": {
        "id": "Baris sumber yang ditolak saat dimuat karena melanggar kontrak tabelnya. Baris "
        "yang masih ditahan tidak ikut dihitung; baris yang sudah selesai telah dimuat dalam "
        "versi yang benar atau digantikan versi yang lebih baru.",
        "en": "Source rows rejected on loading because they break their table's contract. Rows "
        "still held are left out of every figure; resolved rows have been loaded in a corrected "
        "version or replaced by a newer one.",
    },
    "quarantine_none": {
        "id": "Tidak ada baris yang dikarantina dalam rilis ini.",
        "en": "No rows are quarantined in this release.",
    },
    "quarantine_unavailable": {
        "id": "Rilis ini belum memuat data karantina.",
        "en": "This release does not carry the quarantine yet.",
    },
    "q_kpi_held": {"id": "Baris ditahan", "en": "Rows held"},
    "q_kpi_resolved": {"id": "Baris selesai", "en": "Rows resolved"},
    "q_kpi_marked": {"id": "Pegawai-bulan ditandai", "en": "Employee-months marked"},
    "q_kpi_failed_suites": {"id": "Pemeriksaan gagal", "en": "Checks failed"},
    "help_q_marked": {
        "id": "Pegawai-bulan yang angkanya dapat berubah karena baris yang masih ditahan.",
        "en": "Employee-months whose figures a row still held may change.",
    },
    "q_filter_source": {"id": "Sumber", "en": "Source"},
    "q_filter_table": {"id": "Tabel", "en": "Table"},
    "q_filter_reason": {"id": "Alasan", "en": "Reason"},
    "q_filter_all": {"id": "Semua", "en": "All"},
    "q_chart_title": {
        "id": "Baris dikarantina per hari dan alasan",
        "en": "Rows quarantined by day and reason",
    },
    "q_chart_rows": {"id": "Baris", "en": "Rows"},
    "q_chart_day": {"id": "Tanggal karantina", "en": "Day quarantined"},
    "q_summary_title": {
        "id": "Per sumber, tabel dan alasan",
        "en": "By source, table and reason",
    },
    "q_rows_title": {"id": "Baris yang dikarantina", "en": "Quarantined rows"},
    "q_rows_caption": {
        "id": "Yang masih ditahan lebih dulu. Teks baris memuat data pribadi: hanya untuk tim "
        "data.",
        "en": "Rows still held first. The row text holds personal data: data team only.",
    },
    "q_rows_hidden": {
        "id": "Rincian baris dan daftar pegawai-bulan yang ditandai hanya untuk tim data "
        "(peran Admin data): isinya memuat data pribadi. Anda melihat jumlahnya saja.",
        "en": "The rows themselves and the list of marked employee-months are for the data "
        "team (Data administrator role) only: they hold personal data. You see the counts only.",
    },
    "q_held": {"id": "Ditahan", "en": "Held"},
    "q_resolved": {"id": "Selesai", "en": "Resolved"},
    "q_resolution_LOADED": {"id": "Selesai: dimuat", "en": "Resolved: loaded"},
    "q_resolution_SUPERSEDED": {"id": "Selesai: digantikan", "en": "Resolved: superseded"},
    "q_marked_title": {"id": "Pegawai-bulan yang ditandai", "en": "Marked employee-months"},
    "q_marked_caption": {
        "id": "Bulan yang angkanya dapat berubah karena baris yang masih dikarantina: "
        "selesaikan sebelum periode ditutup dan dibayar.",
        "en": "Months whose figures a row still in quarantine may change: clear them before the "
        "period is closed and paid.",
    },
    "q_marked_by_period_title": {
        "id": "Pegawai-bulan yang ditandai per periode",
        "en": "Marked employee-months by period",
    },
    "q_marked_none": {
        "id": "Tidak ada pegawai-bulan yang ditandai.",
        "en": "No employee-month is marked.",
    },
    "q_checks_title": {"id": "Hasil pemeriksaan terakhir", "en": "Latest check results"},
    "q_checks_caption": {
        "id": "Hasil terakhir tiap rangkaian pemeriksaan (Great Expectations). Pemeriksaan "
        "pemblokir yang gagal menghentikan penerbitan; peringatan tidak.",
        "en": "The latest result of each check suite (Great Expectations). A failed blocking "
        "check stops publication; a warning does not.",
    },
    "q_checks_none": {
        "id": "Rilis ini belum memuat hasil pemeriksaan.",
        "en": "This release does not carry check results yet.",
    },
    "q_blocking": {"id": "Pemblokir", "en": "Blocking"},
    "q_warning": {"id": "Peringatan", "en": "Warning"},
    "q_passed": {"id": "Lulus", "en": "Passed"},
    "q_failed": {"id": "Gagal", "en": "Failed"},
    "q_failures_title": {"id": "Ekspektasi yang gagal", "en": "Failed expectations"},
    "q_loads_title": {"id": "Kesegaran data: pemuatan terakhir", "en": "Freshness: latest loads"},
    "q_loads_caption": {
        "id": "Pemuatan terbaru tiap sumber menurut log pemuatan (waktu UTC).",
        "en": "The newest load of each source from the load log (UTC times).",
    },
    "q_loads_none": {
        "id": "Rilis ini belum memuat log pemuatan.",
        "en": "This release does not carry the load log yet.",
    },
    "q_loads_by_table": {"id": "Per tabel sumber", "en": "By source table"},
    "q_download_rows": {"id": "Unduh baris (CSV)", "en": "Download rows (CSV)"},
    "q_download_marked": {"id": "Unduh pegawai-bulan (CSV)", "en": "Download months (CSV)"},
    "q_download_caption": {
        "id": "Berkas memuat data pribadi. Setiap unduhan dicatat di log audit.",
        "en": "The files hold personal data. Every download is audited.",
    },
    "q_release_title": {"id": "Isi rilis", "en": "Release contents"},
    "col_q_state": {"id": "Status", "en": "State"},
    "col_q_day": {"id": "Tanggal karantina", "en": "Day quarantined"},
    "col_q_source": {"id": "Sumber", "en": "Source"},
    "col_q_table": {"id": "Tabel", "en": "Table"},
    "col_q_object": {"id": "Objek sumber", "en": "Source object"},
    "col_q_row_number": {"id": "Baris ke-", "en": "Row no."},
    "col_q_reason": {"id": "Alasan", "en": "Reason"},
    "col_q_detail": {"id": "Rincian", "en": "Detail"},
    "col_q_raw_text": {"id": "Teks baris", "en": "Row text"},
    "col_q_scope": {"id": "Menyangkut", "en": "Concerns"},
    "col_q_first_date": {"id": "Dari tanggal", "en": "From"},
    "col_q_last_date": {"id": "Sampai tanggal", "en": "To"},
    "col_q_held": {"id": "Ditahan", "en": "Held"},
    "col_q_resolved": {"id": "Selesai", "en": "Resolved"},
    "col_q_total": {"id": "Jumlah", "en": "Total"},
    "col_q_first_on": {"id": "Pertama", "en": "First"},
    "col_q_last_on": {"id": "Terakhir", "en": "Last"},
    "col_q_rows": {"id": "Baris dikarantina", "en": "Quarantined rows"},
    "col_q_reasons": {"id": "Alasan", "en": "Reasons"},
    "col_q_months": {"id": "Pegawai-bulan", "en": "Employee-months"},
    "col_q_units": {"id": "Jumlah unit", "en": "Units"},
    "col_q_suite": {"id": "Rangkaian pemeriksaan", "en": "Check suite"},
    "col_q_kind": {"id": "Jenis", "en": "Kind"},
    "col_q_result": {"id": "Hasil", "en": "Result"},
    "col_q_failed_expectations": {"id": "Ekspektasi gagal", "en": "Failed expectations"},
    "col_q_checked_rows": {"id": "Baris diperiksa", "en": "Rows checked"},
    "col_q_validated_at": {"id": "Diperiksa", "en": "Checked at"},
    "col_q_expectation": {"id": "Ekspektasi", "en": "Expectation"},
    "col_q_column": {"id": "Kolom", "en": "Column"},
    "col_q_unexpected": {"id": "Baris tidak sesuai", "en": "Unexpected rows"},
    "col_q_sample": {"id": "Contoh nilai", "en": "Sample values"},
    "col_q_loaded_at": {"id": "Waktu muat", "en": "Loaded at"},
    "col_q_objects": {"id": "Tabel", "en": "Tables"},
    "col_q_rows_in": {"id": "Baris dibaca", "en": "Rows in"},
    "col_q_rows_loaded": {"id": "Baris dimuat", "en": "Rows loaded"},
    "col_q_rows_merged": {"id": "Digabung", "en": "Merged"},
    "col_q_rows_quarantined": {"id": "Dikarantina", "en": "Quarantined"},
    "stmt_quarantine_warning": {
        "id": "Perhatian: {n} baris data sumber untuk bulan ini masih dikarantina (alasan: "
        "{reasons}); angka bulan ini dapat berubah setelah data diperbaiki.",
        "en": "Attention: {n} source data rows for this month are still held in quarantine "
        "(reasons: {reasons}); this month's figures may change once the data is corrected.",
    },
    "stmt_quarantine_warning_one": {
        "id": "Perhatian: 1 baris data sumber untuk bulan ini masih dikarantina (alasan: "
        "{reasons}); angka bulan ini dapat berubah setelah data diperbaiki.",
        "en": "Attention: 1 source data row for this month is still held in quarantine "
        "(reason: {reasons}); this month's figures may change once the data is corrected.",
    },
    "qscope_nip": {"id": "NIP", "en": "NIP"},
    "qscope_unit": {"id": "Unit", "en": "Unit"},
    "qscope_device": {"id": "Mesin", "en": "Device"},
    "qscope_activity": {"id": "Kegiatan", "en": "Activity"},
    "q_scope_none": {"id": "Tidak mengubah angka", "en": "Changes no figure"},
    "stmt_quarantine_reasons_unknown": {
        "id": "belum tercatat dalam rilis ini",
        "en": "not recorded in this release",
    },
}
# --- end data quality --------------------------------------------------------------------------

# --- what each person did: the statement's Aktivitas, Tim saya, the output volumes -------------
STRINGS |= {
    "page_tim": {"id": "Tim saya", "en": "My team"},
    "activities_title": {"id": "Aktivitas", "en": "Activities"},
    "activities_caption": {
        "id": "Laporan kegiatan bulan ini per hari: output, menit yang diklaim dan yang diakui, "
        "dan sebabnya bila berbeda. Menit diakui dijumlahkan menjadi capaian (R3).",
        "en": "This month's activity reports by day: output, minutes claimed and credited, and "
        "why they differ. The credited minutes add up to the achievement (R3).",
    },
    "activities_none": {
        "id": "Tidak ada laporan kegiatan pada bulan ini.",
        "en": "No activity reports this month.",
    },
    "activities_check": {
        "id": "Jumlah menit diakui dari {n} laporan: {credited} menit, sama dengan menit diakui "
        "pada capaian ({monthly} menit dari target {target} menit).",
        "en": "Credited minutes of {n} reports: {credited}, the same as the achievement's "
        "credited minutes ({monthly} of a {target}-minute target).",
    },
    "activities_mismatch": {
        "id": "Jumlah menit diakui laporan ({credited}) berbeda dari capaian ({monthly}); "
        "hubungi tim data.",
        "en": "The reports' credited minutes ({credited}) differ from the achievement's "
        "({monthly}); contact the data team.",
    },
    "activities_limits": {
        "id": "Garis: target harian {target} menit dan batas harian {cap} menit ({basis}).",
        "en": "Lines: daily target {target} minutes and daily cap {cap} minutes ({basis}).",
    },
    "limit_from": {"id": "{value} sejak {day}", "en": "{value} from {day}"},
    "limit_until": {"id": "{value} s.d. {day}", "en": "{value} until {day}"},
    "activities_chart_title": {
        "id": "Menit per hari terhadap target dan batas harian",
        "en": "Minutes per day against the daily target and cap",
    },
    "series_credited": {"id": "Menit diakui", "en": "Credited minutes"},
    "series_not_credited": {"id": "Diklaim, tidak diakui", "en": "Claimed, not credited"},
    "series_target": {"id": "Target harian", "en": "Daily target"},
    "series_cap": {"id": "Batas harian", "en": "Daily cap"},
    "col_activity": {"id": "Kegiatan", "en": "Activity"},
    "col_activity_code": {"id": "Kode kegiatan", "en": "Activity code"},
    "col_output": {"id": "Output", "en": "Output"},
    "col_outputs": {"id": "Output diakui", "en": "Outputs credited"},
    "col_quantity": {"id": "Volume", "en": "Volume"},
    "col_rkakl_output": {"id": "Output RKAKL", "en": "RKAKL output"},
    "col_claimed_minutes": {"id": "Menit diklaim", "en": "Minutes claimed"},
    "col_credited_minutes": {"id": "Menit diakui", "en": "Minutes credited"},
    "col_target_minutes": {"id": "Target menit", "en": "Target minutes"},
    "col_credit_note": {"id": "Sebab selisih", "en": "Why it differs"},
    "col_report_status": {"id": "Status laporan", "en": "Report status"},
    "col_report_description": {"id": "Uraian", "en": "Description"},
    "col_reports": {"id": "Laporan", "en": "Reports"},
    "col_reports_submitted": {"id": "Laporan diajukan", "en": "Reports submitted"},
    "col_reports_pending": {"id": "Menunggu verifikasi", "en": "Awaiting review"},
    "col_reports_rejected": {"id": "Ditolak", "en": "Rejected"},
    "col_reviewer": {"id": "Atasan penilai", "en": "Reviewer"},
    "col_oldest_pending_days": {
        "id": "Laporan tertua menunggu (hari)",
        "en": "Oldest waiting (days)",
    },
    "col_median_review_days": {"id": "Median lama verifikasi (hari)", "en": "Median review days"},
    "col_review_target_days": {"id": "Target verifikasi (hari)", "en": "Review target (days)"},
    "col_within_target": {"id": "Diverifikasi tepat waktu", "en": "Reviewed within target"},
    "col_submitted_at": {"id": "Diajukan", "en": "Submitted"},
    "col_output_minutes_pct": {
        "id": "Menit untuk output RKAKL",
        "en": "Minutes serving an RKAKL output",
    },
    "team_caption": {
        "id": "Apa yang dikerjakan setiap pegawai di {unit} dan unit di bawahnya pada bulan ini: "
        "laporan, output yang diakui, menit dan capaian sementara. Yang paling banyak menunggu "
        "verifikasi di atas.",
        "en": "What each employee of {unit} and the units below did this month: reports, "
        "outputs credited, minutes and achievement so far. Most reports awaiting review first.",
    },
    "team_people_title": {"id": "Pegawai dan pekerjaannya", "en": "People and their work"},
    "team_backlog_title": {
        "id": "Antrean verifikasi per atasan",
        "en": "Review queue per supervisor",
    },
    "team_backlog_caption": {
        "id": "Laporan yang belum diverifikasi mengurangi capaian bulan berjalan sampai disetujui. "
        "Target verifikasi: {days} hari (parameter kebijakan).",
        "en": "Reports not yet reviewed lower this month's achievement until approved. Review "
        "target: {days} days (a policy parameter).",
    },
    "team_pending_title": {
        "id": "Laporan menunggu verifikasi, terlama di atas",
        "en": "Reports awaiting review, longest waiting first",
    },
    "team_top_title": {
        "id": "Kegiatan katalog yang paling sering dilaporkan",
        "en": "Catalogue activities reported most",
    },
    "team_empty": {
        "id": "Tidak ada pegawai dengan bulan kerja di unit ini pada periode ini.",
        "en": "No employee of this unit has a month in this period.",
    },
    "team_no_backlog": {
        "id": "Tidak ada laporan yang menunggu verifikasi.",
        "en": "No reports are awaiting review.",
    },
    "volumes_title": {"id": "Volume kegiatan", "en": "Activity volumes"},
    "volumes_caption": {
        "id": "Apa yang dihasilkan {unit} dan unit di bawahnya: volume output per kegiatan dari "
        "laporan yang disetujui dan diakui, dengan output RKAKL yang dilayani.",
        "en": "What {unit} and the units below produced: output volumes per activity from "
        "approved, credited reports, with the RKAKL output each serves.",
    },
    "volumes_units_title": {"id": "Volume per unit", "en": "Volumes per unit"},
    "volumes_none": {
        "id": "Belum ada laporan yang diakui pada periode ini.",
        "en": "No credited reports in this period yet.",
    },
}
# --- end what each person did ------------------------------------------------------------------


def current_language() -> str:
    """The language chosen in the sidebar switch, Bahasa Indonesia until one is chosen."""
    lang = st.session_state.get(LANGUAGE_KEY, DEFAULT_LANGUAGE)
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def t(key: str, lang: str | None = None, **fields: object) -> str:
    """The UI string ``key`` in ``lang`` (default: the current language), formatted with fields."""
    text = STRINGS[key][lang or current_language()]
    return text.format(**fields) if fields else text


def fmt_number(value: float | None, lang: str, decimals: int = 0) -> str:
    """A count or a plain number in the language's convention; an em dash when missing
    (eperf.formats.number: one implementation for pages, PDF and exports)."""
    return formats.number(value, lang, decimals)


def fmt_pct(value: float | None, lang: str, decimals: int = 1) -> str:
    """A 0–100 percentage, e.g. ``87,5%`` (id) or ``87.5%`` (en)."""
    return formats.percent(value, lang, decimals)


def fmt_rupiah(value: float | None, lang: str) -> str:
    """Whole rupiah, e.g. ``Rp 1.234.567`` (id) or ``Rp 1,234,567`` (en); sign before ``Rp``."""
    return formats.money(value, lang)


def fmt_rupiah_short(value: float | None, lang: str) -> str:
    """Rupiah abbreviated for a tile: ``Rp 1,2 jt``, ``Rp 3,4 M`` (id); ``Rp 3.4 bn`` (en)."""
    return formats.money_short(value, lang)


def fmt_date(value: object, lang: str) -> str:
    """A calendar date in words: ``12 Mei 2025`` / ``12 May 2025``."""
    if value is None or (not isinstance(value, str) and bool(pd.isna(value))):
        return formats.MISSING
    if hasattr(value, "date") and callable(value.date):
        value = value.date()
    return formats.date(value, lang)


def fmt_period(value: str | None, lang: str) -> str:
    """A pay period in words: ``Februari 2025`` / ``February 2025``."""
    return formats.period(value, lang)


def reason_label(code: str, lang: str, with_code: bool = False) -> str:
    """A quarantine reason (ingestion/quarantine.py REASONS) in words; ``with_code`` adds the
    code, e.g. ``Baris terpotong (TRUNCATED_LINE)``. A code without words here is shown as
    "Other reason (CODE)", never as the bare code."""
    key = f"qreason_{code}"
    if key not in STRINGS:
        return f"{t('qreason_other', lang)} ({code})"
    return f"{t(key, lang)} ({code})" if with_code else t(key, lang)


def reasons_text(codes: str | None, lang: str, with_code: bool = False) -> str:
    """A comma-separated list of reason codes (``reasons`` of fct_marked_employee_months) in
    words, in the same order, each once."""
    parts = [c.strip() for c in (codes or "").split(",") if c.strip()]
    return ", ".join(reason_label(c, lang, with_code) for c in dict.fromkeys(parts))


def source_label(source: str, lang: str) -> str:
    """A source system (simpeg, app, attendance) in words."""
    key = f"qsource_{source}"
    return t(key, lang) if key in STRINGS else str(source)
