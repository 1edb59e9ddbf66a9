"""The user guide [000 Buku Pedoman] as editable guide pages: what ``setup_site`` creates.

Texts follow the Buku Pedoman Penggunaan Layanan Pengaduan Sambat Bunda (BAB I–VI) and the
deadlines of the SOP (the defaults of the SLA policy); editors change them in Wagtail.
"""

PANDUAN = {
    "title": "Panduan",
    "slug": "panduan",
    "intro": "Cara memakai layanan pengaduan Sambat Bunda, dari mengirim aduan sampai "
    "memantau penyelesaiannya.",
    "body": [
        (
            "paragraph",
            "<p>Sambat Bunda (<i>SAluran Masyarakat BercurhAT ke BUnda iNdah dan mas "
            "yuDhA</i>) adalah saluran pengaduan masyarakat {kabupaten} berbasis "
            "WhatsApp yang dilengkapi kecerdasan buatan (AI). Masyarakat dapat menyampaikan "
            "keluhan, aspirasi maupun laporan secara cepat, mudah, transparan dan responsif.</p>",
        ),
        ("heading", "Keunggulan Sambat Bunda"),
        (
            "paragraph",
            "<ul><li>Mudah diakses kapan saja</li><li>Respon cepat berbasis AI</li>"
            "<li>Transparan dan terukur</li><li>Dapat dipantau secara online</li>"
            "<li>Terhubung langsung dengan OPD terkait</li></ul>",
        ),
    ],
}

GUIDES = [
    {
        "title": "Cara Mengakses Layanan",
        "slug": "cara-mengakses",
        "intro": "Sambat Bunda dapat diakses melalui situs web atau langsung lewat WhatsApp.",
        "body": [
            (
                "steps",
                [
                    (
                        "Melalui situs web",
                        "<p>Kunjungi situs resmi <b>sambatbunda.id</b>, lalu tekan tombol "
                        "<b>CHAT DI SINI</b> di pojok kanan bawah layar.</p>",
                    ),
                    (
                        "Melalui WhatsApp langsung",
                        "<p>Kirim pesan ke nomor resmi <b>0819-4422-0688</b>. Simpan nomor ini "
                        "agar pemberitahuan perkembangan aduan tidak terlewat.</p>",
                    ),
                ],
            ),
            ("heading", "Yang perlu disiapkan"),
            (
                "paragraph",
                "<ul><li>Nama Anda</li><li>Alamat atau lokasi kejadian (nama jalan, dusun, "
                "desa, kecamatan)</li><li>Isi aduan yang jelas, dan bila ada foto atau dokumen "
                "pendukung</li></ul>",
            ),
        ],
    },
    {
        "title": "Cara Menyampaikan Aduan",
        "slug": "cara-menyampaikan-aduan",
        "intro": "Lima langkah dari pesan pertama sampai Nomor ID Aduan.",
        "body": [
            (
                "steps",
                [
                    ("Ketik aduan", "<p>Gunakan bahasa yang baik dan jelas.</p>"),
                    (
                        "Jawaban otomatis bila sudah tersedia",
                        "<p>Jika jawaban atas pertanyaan atau aduan sudah tersedia dalam "
                        "sistem, chatbot AI langsung menjawab secara otomatis.</p>",
                    ),
                    (
                        "Diteruskan ke admin",
                        "<p>Jika aduan membutuhkan penanganan lebih lanjut, sistem meneruskan "
                        "aduan kepada admin untuk diverifikasi.</p>",
                    ),
                    (
                        "Lengkapi data",
                        "<p>Isi data secara lengkap: nama, alamat/lokasi kejadian, dan isi "
                        "aduan secara jelas. Anda juga dapat memilih aduan tampil dengan nama, "
                        "sebagai anonim, atau dirahasiakan.</p>",
                    ),
                    (
                        "Terima Nomor ID Aduan",
                        "<p>Setelah data lengkap, sistem memberikan <b>Nomor ID Aduan</b> "
                        "secara otomatis.</p>",
                    ),
                ],
            ),
            ("heading", "Memantau progres aduan"),
            (
                "paragraph",
                "<p>Simpan baik-baik Nomor ID Aduan yang diberikan. Nomor tersebut dipakai "
                "untuk memantau respon dan tindak lanjut aduan melalui kotak <b>Nomor Aduan "
                "#</b> di Beranda sambatbunda.id, maupun melalui WhatsApp dengan mengetik "
                "<b>cek</b> diikuti nomornya. Anda juga menerima pemberitahuan otomatis "
                "melalui WhatsApp setiap ada perkembangan.</p>",
            ),
        ],
    },
    {
        "title": "Alur Penanganan Aduan",
        "slug": "alur-penanganan",
        "intro": "Apa yang terjadi pada aduan Anda, dan berapa lama setiap tahapnya.",
        "body": [
            (
                "steps",
                [
                    ("Masyarakat mengirim aduan", "<p>Lewat WhatsApp atau chat di situs.</p>"),
                    (
                        "Sistem AI merespon otomatis",
                        "<p>Pertanyaan yang jawabannya sudah tersedia langsung dijawab.</p>",
                    ),
                    (
                        "Verifikasi admin",
                        "<p>Admin Pengaduan memeriksa aduan pada jam kerja. Bila data kurang, "
                        "aduan dikembalikan kepada pelapor untuk dilengkapi.</p>",
                    ),
                    (
                        "Diteruskan ke OPD terkait",
                        "<p>Aduan didisposisikan ke perangkat daerah yang berwenang. OPD "
                        "memberi tanggapan pertama paling lambat 4 jam kerja.</p>",
                    ),
                    (
                        "Tindak lanjut penyelesaian",
                        "<p>OPD menindaklanjuti sesuai jenis aduan: mendesak 1 hari kerja, biasa "
                        "3 hari kerja, permintaan informasi 5 hari kerja, tanpa pemeriksaan "
                        "lapangan 14 hari kerja, dan yang perlu pemeriksaan lapangan paling lama "
                        "60 hari. Hasilnya dilaporkan dengan bukti dukung.</p>",
                    ),
                    (
                        "Notifikasi hasil kepada pelapor",
                        "<p>Pelapor menerima hasil penyelesaian melalui WhatsApp. Bila masalah "
                        "belum selesai, balas <b>belum selesai</b>; bila tidak ada jawaban dalam "
                        "10 hari kerja, aduan ditutup otomatis.</p>",
                    ),
                ],
            ),
            (
                "paragraph",
                "<p>Aduan yang bukan kewenangan Pemerintah {kabupaten} (misalnya "
                "urusan kepolisian, BPJS atau PLN) diteruskan atau diarahkan ke instansi yang "
                "berwenang, dan pelapor diberi tahu ke mana harus menghubungi.</p>",
            ),
        ],
    },
    {
        "title": "Etika Penggunaan",
        "slug": "etika-penggunaan",
        "intro": "Agar setiap aduan dapat ditangani dengan baik.",
        "body": [
            (
                "dos_and_donts",
                {
                    "dos": [
                        "Gunakan bahasa sopan",
                        "Sampaikan informasi yang benar",
                        "Sertakan data lengkap",
                    ],
                    "donts": [
                        "Mengirim informasi palsu",
                        "Spam pesan",
                        "Menyampaikan aduan di luar kewenangan pemerintah daerah",
                    ],
                },
            ),
            ("heading", "Penutup"),
            (
                "paragraph",
                "<p>Sambat Bunda hadir untuk mendengar, menanggapi, dan menyelesaikan "
                "aspirasi masyarakat secara cepat dan transparan. Mari manfaatkan layanan ini "
                "secara bijak demi terwujudnya pelayanan publik {kabupaten} yang lebih "
                "baik.</p>",
            ),
        ],
    },
]

STATISTICS = {
    "title": "Statistik",
    "slug": "statistik",
    "intro": "<p>Kinerja penanganan aduan per perangkat daerah: berapa yang diterima, "
    "berapa yang ditanggapi tepat waktu, berapa lama penyelesaiannya, dan bagaimana penilaian "
    "pelapor.</p>",
}
