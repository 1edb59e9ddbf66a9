"""Basis pengetahuan FAQ layanan Sambat Bunda, Kabupaten Lumajang.

FAQS        : daftar pertanyaan yang sering diajukan beserta jawabannya.
PARAPHRASES : contoh pertanyaan warga bergaya WhatsApp (informal) dan slug FAQ
              yang menjawabnya; dipakai sebagai data uji pencarian.
OFF_TOPIC   : pertanyaan yang TIDAK boleh dijawab oleh basis pengetahuan ini.
"""

CATEGORIES = [
    "Layanan Sambat Bunda",
    "Kependudukan",
    "Kesehatan",
    "Pendidikan",
    "Pajak dan Retribusi",
    "Perizinan",
    "Sosial",
    "Infrastruktur dan Lingkungan",
    "Bencana",
    "Pertanian dan Perdagangan",
]

AGENCIES = [
    "DISKOMINFO",
    "DISPENDUKCAPIL",
    "DINKES",
    "RSUD",
    "DISDIK",
    "BAPENDA",
    "DPMPTSP",
    "DINSOS",
    "DPUTR",
    "DISHUB",
    "DLH",
    "BPBD",
    "DKPP",
    "DISKOPINDAG",
    "PDAM",
    "DISPERKIM",
    "BAG-PSDA",
]

FAQS = [
    # ------------------------------------------------------------------
    # Layanan Sambat Bunda
    # ------------------------------------------------------------------
    {
        "slug": "cara-menyampaikan-aduan",
        "question": "Bagaimana cara menyampaikan aduan melalui Sambat Bunda?",
        "answer": (
            "<p>Aduan dapat disampaikan melalui WhatsApp Sambat Bunda di nomor "
            "<strong>0819-4422-0688</strong> atau melalui fitur percakapan di laman "
            "<strong>sambatbunda.id</strong>.</p>"
            "<ol>"
            "<li>Tuliskan pokok aduan secara singkat dan jelas.</li>"
            "<li>Sebutkan lokasi selengkap mungkin: desa/kelurahan, kecamatan, nama jalan, atau patokan.</li>"
            "<li>Lampirkan foto atau dokumen pendukung jika ada.</li>"
            "<li>Simpan nomor aduan yang dikirimkan petugas untuk memantau tindak lanjutnya.</li>"
            "</ol>"
            "<p>Layanan ini tidak dipungut biaya apa pun.</p>"
        ),
        "category": "Layanan Sambat Bunda",
        "agency": "DISKOMINFO",
        "keywords": "lapor, mengadu, aduan, keluhan, whatsapp, sambat, komplain, pengaduan",
    },
    {
        "slug": "aduan-melalui-laman",
        "question": "Apakah aduan bisa disampaikan melalui laman sambatbunda.id?",
        "answer": (
            "<p>Bisa. Buka laman <strong>sambatbunda.id</strong> melalui ponsel atau komputer, "
            "lalu gunakan fitur percakapan yang tersedia untuk menuliskan aduan atau pertanyaan. "
            "Alurnya sama dengan WhatsApp: sampaikan pokok masalah, lokasi, dan bukti pendukung, "
            "lalu simpan nomor aduan yang diberikan. Cara ini cocok bagi warga yang tidak "
            "menggunakan WhatsApp atau ingin melapor dari komputer.</p>"
        ),
        "category": "Layanan Sambat Bunda",
        "agency": "DISKOMINFO",
        "keywords": "website, situs, laman, web, chat, online, internet, sambatbunda.id",
    },
    {
        "slug": "cek-status-aduan",
        "question": "Bagaimana cara mengecek perkembangan aduan yang sudah saya kirim?",
        "answer": (
            "<p>Setiap aduan yang tercatat mendapat <strong>nomor aduan</strong>. Untuk mengetahui "
            "perkembangannya, kirimkan nomor aduan tersebut melalui WhatsApp 0819-4422-0688 atau "
            "fitur percakapan di laman sambatbunda.id, lalu petugas akan menyampaikan status "
            "terakhirnya. Jika nomor aduan hilang, sebutkan tanggal pengiriman, nomor WhatsApp yang "
            "dipakai, dan ringkasan aduan agar petugas dapat mencarinya.</p>"
        ),
        "category": "Layanan Sambat Bunda",
        "agency": "DISKOMINFO",
        "keywords": "status aduan, nomor aduan, tiket, lacak, cek laporan, perkembangan, progres, sampai mana",
    },
    {
        "slug": "tindak-lanjut-aduan",
        "question": "Apa yang terjadi setelah aduan saya dikirim?",
        "answer": (
            "<p>Aduan yang masuk melalui beberapa tahap:</p>"
            "<ol>"
            "<li><strong>Verifikasi</strong>: petugas memeriksa kelengkapan aduan dan dapat meminta keterangan tambahan.</li>"
            "<li><strong>Penerusan</strong>: aduan diteruskan ke perangkat daerah atau instansi yang berwenang.</li>"
            "<li><strong>Tindak lanjut</strong>: instansi terkait menangani masalah dan memberikan jawaban.</li>"
            "<li><strong>Selesai</strong>: hasil tindak lanjut disampaikan kepada pelapor.</li>"
            "</ol>"
            "<p>Lama penanganan bergantung pada jenis masalah. Perbaikan fisik seperti jalan atau "
            "saluran air dapat memerlukan penjadwalan dan ketersediaan anggaran.</p>"
        ),
        "category": "Layanan Sambat Bunda",
        "agency": "DISKOMINFO",
        "keywords": "tindak lanjut, proses aduan, diteruskan, ditanggapi, direspons, ditangani, berapa lama, setelah lapor",
    },
    {
        "slug": "kerahasiaan-pelapor",
        "question": "Apakah identitas pelapor dirahasiakan, dan bisakah melapor tanpa nama?",
        "answer": (
            "<p>Identitas pelapor dijaga dan tidak dipublikasikan. Pelapor dapat meminta agar "
            "identitasnya <strong>dirahasiakan</strong>, sehingga hanya diketahui petugas pengelola "
            "aduan dan tidak disampaikan kepada pihak yang dilaporkan. Aduan tanpa nama tetap dapat "
            "diterima, tetapi penanganannya bisa terbatas karena petugas sulit meminta keterangan "
            "tambahan. Perlu diketahui, nomor WhatsApp pengirim tetap terlihat oleh petugas. Untuk "
            "laporan yang sensitif, sebutkan sejak awal bahwa Anda meminta identitas dirahasiakan.</p>"
        ),
        "category": "Layanan Sambat Bunda",
        "agency": "DISKOMINFO",
        "keywords": "rahasia, anonim, tanpa nama, identitas, privasi, takut, aman, dirahasiakan",
    },
    {
        "slug": "etika-menyampaikan-aduan",
        "question": "Apa saja etika yang perlu diperhatikan saat menyampaikan aduan?",
        "answer": (
            "<ul>"
            "<li>Gunakan bahasa yang sopan, tanpa kata kasar, ancaman, atau unsur SARA.</li>"
            "<li>Sampaikan fakta yang sebenarnya, bukan kabar bohong atau fitnah.</li>"
            "<li>Jangan menyebarkan data pribadi orang lain, misalnya foto KTP atau nomor telepon, "
            "kecuali diperlukan untuk penanganan.</li>"
            "<li>Sampaikan satu masalah dalam satu aduan agar mudah diteruskan ke instansi yang tepat.</li>"
            "<li>Hindari mengirim aduan yang sama berulang kali; cukup tanyakan perkembangannya "
            "dengan menyebutkan nomor aduan.</li>"
            "</ul>"
        ),
        "category": "Layanan Sambat Bunda",
        "agency": "DISKOMINFO",
        "keywords": "etika, aturan lapor, sopan, tata cara, hoaks, sara, kata kasar, larangan",
    },
    {
        "slug": "jam-layanan-sambat-bunda",
        "question": "Kapan jam layanan Sambat Bunda?",
        "answer": (
            "<p>Pesan melalui WhatsApp 0819-4422-0688 dan laman sambatbunda.id dapat dikirim kapan "
            "saja. Pesan ditanggapi petugas pada hari dan jam kerja, sehingga pesan yang masuk pada "
            "malam hari atau hari libur diproses pada hari kerja berikutnya. Jam layanan dapat "
            "berubah; cek pengumuman resmi di kanal media sosial Pemerintah Kabupaten Lumajang. "
            "Untuk keadaan darurat, hubungi <strong>112</strong>.</p>"
        ),
        "category": "Layanan Sambat Bunda",
        "agency": "DISKOMINFO",
        "keywords": "jam buka, jam kerja, hari libur, malam, kapan dibalas, buka jam berapa, 24 jam, admin",
    },
    {
        "slug": "aduan-keadaan-darurat",
        "question": "Apakah Sambat Bunda bisa dipakai untuk melaporkan keadaan darurat?",
        "answer": (
            "<p>Sambat Bunda ditujukan untuk aduan dan permintaan informasi yang tidak memerlukan "
            "pertolongan seketika. Untuk keadaan darurat yang mengancam nyawa atau harta benda, "
            "hubungi langsung:</p>"
            "<ul>"
            "<li><strong>112</strong>: panggilan darurat terpadu</li>"
            "<li><strong>119</strong>: kegawatdaruratan medis dan ambulans</li>"
            "<li><strong>110</strong>: kepolisian</li>"
            "<li><strong>113</strong>: pemadam kebakaran</li>"
            "</ul>"
            "<p>Setelah keadaan aman, Anda tetap dapat menyampaikan aduan lanjutan melalui Sambat Bunda.</p>"
        ),
        "category": "Layanan Sambat Bunda",
        "agency": "DISKOMINFO",
        "keywords": "darurat, gawat, mendesak, kebakaran, kecelakaan, nyawa, tolong, nomor darurat",
    },
    {
        "slug": "kelengkapan-aduan",
        "question": "Informasi apa saja yang perlu dicantumkan agar aduan cepat ditangani?",
        "answer": (
            "<ul>"
            "<li><strong>Masalahnya</strong>: jelaskan apa yang terjadi secara singkat.</li>"
            "<li><strong>Lokasinya</strong>: desa/kelurahan, kecamatan, nama jalan, patokan, atau "
            "bagikan lokasi melalui WhatsApp.</li>"
            "<li><strong>Waktunya</strong>: sejak kapan masalah terjadi.</li>"
            "<li><strong>Buktinya</strong>: foto, video, atau dokumen pendukung.</li>"
            "<li><strong>Kontak</strong>: nama dan nomor yang dapat dihubungi jika petugas memerlukan "
            "keterangan tambahan.</li>"
            "</ul>"
        ),
        "category": "Layanan Sambat Bunda",
        "agency": "DISKOMINFO",
        "keywords": "syarat aduan, data aduan, foto, lokasi, bukti, lengkap, bagikan lokasi, titik lokasi",
    },
    {
        "slug": "permohonan-informasi-publik",
        "question": "Bagaimana cara meminta informasi publik dari Pemerintah Kabupaten Lumajang?",
        "answer": (
            "<p>Permintaan informasi publik diajukan kepada Pejabat Pengelola Informasi dan "
            "Dokumentasi (PPID) Pemerintah Kabupaten Lumajang sesuai Undang-Undang Nomor 14 Tahun "
            "2008 tentang Keterbukaan Informasi Publik. Sampaikan identitas, rincian informasi yang "
            "diminta, dan tujuan penggunaannya. Badan publik wajib menanggapi paling lambat 10 hari "
            "kerja dan dapat memperpanjangnya paling lama 7 hari kerja. Sambat Bunda dapat membantu "
            "mengarahkan permintaan Anda ke PPID yang tepat.</p>"
        ),
        "category": "Layanan Sambat Bunda",
        "agency": "DISKOMINFO",
        "keywords": "ppid, informasi publik, minta data, dokumen, keterbukaan informasi, anggaran, apbd",
    },
    # ------------------------------------------------------------------
    # Kependudukan
    # ------------------------------------------------------------------
    {
        "slug": "biaya-dokumen-kependudukan",
        "question": "Apakah pengurusan dokumen kependudukan dipungut biaya?",
        "answer": (
            "<p>Tidak. Sesuai Undang-Undang Administrasi Kependudukan, pengurusan dan penerbitan "
            "dokumen kependudukan seperti KTP-el, KK, KIA, akta kelahiran, akta kematian, dan surat "
            "pindah <strong>tidak dipungut biaya</strong>. Jika ada pihak yang meminta bayaran, "
            "jangan dituruti dan laporkan melalui Sambat Bunda dengan menyebutkan waktu, tempat, "
            "dan pihak yang meminta. Pengeluaran yang mungkin timbul hanyalah untuk keperluan "
            "pribadi, misalnya fotokopi.</p>"
        ),
        "category": "Kependudukan",
        "agency": "DISPENDUKCAPIL",
        "keywords": "gratis, biaya, bayar, pungli, calo, tarif, dipungut, uang",
    },
    {
        "slug": "ktp-el-baru",
        "question": "Bagaimana cara membuat KTP-el untuk pertama kali?",
        "answer": (
            "<p>KTP-el wajib dimiliki warga yang telah berusia 17 tahun, sudah kawin, atau pernah "
            "kawin. Caranya:</p>"
            "<ol>"
            "<li>Pastikan nama Anda sudah tercantum dalam Kartu Keluarga.</li>"
            "<li>Datang ke Dispendukcapil Lumajang atau tempat perekaman yang ditunjuk, misalnya "
            "kantor kecamatan, dengan membawa KK.</li>"
            "<li>Lakukan perekaman foto, sidik jari, iris mata, dan tanda tangan.</li>"
            "<li>Ambil KTP-el setelah dicetak sesuai informasi petugas.</li>"
            "</ol>"
            "<p>Layanan ini gratis. Lokasi dan jam perekaman dapat berubah; cek pengumuman resmi "
            "Dispendukcapil Lumajang.</p>"
        ),
        "category": "Kependudukan",
        "agency": "DISPENDUKCAPIL",
        "keywords": "ktp baru, bikin ktp, buat ktp, e-ktp, perekaman, 17 tahun, rekam ktp, ktp pertama",
    },
    {
        "slug": "ktp-el-hilang",
        "question": "Apa yang harus dilakukan jika KTP-el hilang?",
        "answer": (
            "<p>Ajukan penerbitan ulang KTP-el ke Dispendukcapil Lumajang dengan membawa:</p>"
            "<ul>"
            "<li>Kartu Keluarga (asli atau fotokopi);</li>"
            "<li>surat keterangan kehilangan dari kepolisian.</li>"
            "</ul>"
            "<p>Data Anda sudah tersimpan, sehingga umumnya tidak perlu perekaman ulang kecuali "
            "data biometrik perlu diperbarui. Penerbitan ulang tidak dipungut biaya. Persyaratan "
            "dapat disesuaikan dengan kebijakan terbaru, jadi konfirmasikan ke Dispendukcapil "
            "sebelum datang.</p>"
        ),
        "category": "Kependudukan",
        "agency": "DISPENDUKCAPIL",
        "keywords": "ktp hilang, kehilangan ktp, ktp ilang, cetak ulang, surat kehilangan, dompet hilang, dicopet",
    },
    {
        "slug": "ktp-el-rusak",
        "question": "Bagaimana cara mengganti KTP-el yang rusak atau yang datanya berubah?",
        "answer": (
            "<p>Bawa KTP-el yang rusak, misalnya patah, retak, cip tidak terbaca, atau tulisannya "
            "pudar, ke Dispendukcapil Lumajang beserta Kartu Keluarga. KTP-el lama akan ditarik dan "
            "diganti dengan yang baru tanpa biaya. Jika penggantian karena perubahan data seperti "
            "alamat, status perkawinan, atau pekerjaan, perbarui dahulu data di KK dengan membawa "
            "dokumen pendukungnya, misalnya buku nikah atau surat pindah.</p>"
        ),
        "category": "Kependudukan",
        "agency": "DISPENDUKCAPIL",
        "keywords": "ktp rusak, ktp patah, ktp pudar, ganti ktp, chip rusak, ubah data ktp, ktp retak, ganti status",
    },
    {
        "slug": "kk-baru-setelah-menikah",
        "question": "Bagaimana cara membuat Kartu Keluarga baru setelah menikah?",
        "answer": (
            "<p>Pasangan yang baru menikah dapat membentuk KK baru dengan mengajukan permohonan ke "
            "Dispendukcapil Lumajang. Siapkan:</p>"
            "<ul>"
            "<li>buku nikah atau akta perkawinan;</li>"
            "<li>KK lama tempat suami dan istri tercatat;</li>"
            "<li>surat keterangan pindah bagi pasangan yang berasal dari luar Kabupaten Lumajang;</li>"
            "<li>formulir permohonan yang tersedia di tempat layanan.</li>"
            "</ul>"
            "<p>Nama suami dan istri dikeluarkan dari KK lama lalu dicatat dalam KK baru. Setelah "
            "itu, status perkawinan di KTP-el dapat diperbarui.</p>"
        ),
        "category": "Kependudukan",
        "agency": "DISPENDUKCAPIL",
        "keywords": "kk baru, kartu keluarga baru, habis nikah, pengantin baru, bikin kk, kk sendiri, menikah",
    },
    {
        "slug": "kk-tambah-anggota",
        "question": "Bagaimana cara menambahkan anggota keluarga ke dalam KK?",
        "answer": (
            "<p>Syarat penambahan anggota KK bergantung pada alasannya:</p>"
            "<ul>"
            "<li><strong>Kelahiran</strong>: KK asli dan surat keterangan lahir atau akta kelahiran; "
            "akta kelahiran dan pembaruan KK dapat diurus bersamaan.</li>"
            "<li><strong>Menumpang karena pindah datang</strong>: KK asli keluarga yang ditumpangi dan "
            "surat keterangan pindah dari daerah asal.</li>"
            "<li><strong>Anak angkat</strong>: KK asli dan salinan penetapan pengadilan.</li>"
            "</ul>"
            "<p>Ajukan ke Dispendukcapil Lumajang atau tempat layanan yang ditunjuk. KK akan "
            "dicetak ulang dengan nomor KK yang sama, tanpa biaya.</p>"
        ),
        "category": "Kependudukan",
        "agency": "DISPENDUKCAPIL",
        "keywords": "tambah anggota, masukkan anak, bayi baru lahir, numpang kk, tambah nama kk, perbarui kk, anak angkat",
    },
    {
        "slug": "kk-pisah",
        "question": "Bagaimana cara memisahkan diri dari Kartu Keluarga orang tua (pisah KK)?",
        "answer": (
            "<p>Pisah KK dapat diajukan oleh anggota keluarga yang sudah berusia 17 tahun atau sudah "
            "kawin. Bawa KK lama yang asli, buku nikah atau akta perkawinan jika sudah menikah, dan "
            "surat pengantar dari desa/kelurahan bila diminta. Dispendukcapil akan menerbitkan KK "
            "baru untuk Anda serta KK lama yang sudah diperbarui untuk keluarga asal. Ketentuan "
            "lengkap, termasuk bagi warga yang belum menikah, dapat dikonfirmasi ke Dispendukcapil "
            "Lumajang.</p>"
        ),
        "category": "Kependudukan",
        "agency": "DISPENDUKCAPIL",
        "keywords": "pisah kk, pecah kk, kk sendiri, keluar dari kk, misah kk, kk terpisah, kk mertua",
    },
    {
        "slug": "akta-kelahiran",
        "question": "Apa saja syarat membuat akta kelahiran?",
        "answer": (
            "<ul>"
            "<li>surat keterangan lahir dari rumah sakit, puskesmas, bidan, atau desa/kelurahan;</li>"
            "<li>Kartu Keluarga tempat anak dicatat;</li>"
            "<li>buku nikah atau akta perkawinan orang tua; jika tidak ada, dapat menggunakan Surat "
            "Pernyataan Tanggung Jawab Mutlak (SPTJM) sesuai ketentuan;</li>"
            "<li>KTP-el orang tua atau pelapor.</li>"
            "</ul>"
            "<p>Kelahiran sebaiknya dilaporkan paling lambat 60 hari sejak lahir, tetapi pelaporan "
            "yang terlambat tetap dilayani. Pengurusan gratis; tanyakan juga kemungkinan penerbitan "
            "akta kelahiran bersamaan dengan pembaruan KK dan KIA.</p>"
        ),
        "category": "Kependudukan",
        "agency": "DISPENDUKCAPIL",
        "keywords": "akta lahir, akte kelahiran, akte anak, bayi baru lahir, surat lahir, lahiran, sptjm",
    },
    {
        "slug": "akta-kematian",
        "question": "Bagaimana cara mengurus akta kematian?",
        "answer": (
            "<p>Kematian dilaporkan oleh keluarga ke Dispendukcapil Lumajang paling lambat 30 hari "
            "sejak tanggal kematian. Siapkan surat keterangan kematian dari rumah sakit atau dokter, "
            "atau dari kepala desa/lurah, KK dan KTP-el almarhum, serta KTP-el pelapor. Setelah akta "
            "kematian terbit, KK akan diperbarui. Akta kematian diperlukan antara lain untuk klaim "
            "asuransi, pensiun, dan warisan, serta untuk memperbarui data kepesertaan bantuan sosial "
            "dan JKN.</p>"
        ),
        "category": "Kependudukan",
        "agency": "DISPENDUKCAPIL",
        "keywords": "akta kematian, akte mati, meninggal, surat kematian, almarhum, wafat, lapor kematian",
    },
    {
        "slug": "surat-pindah-keluar",
        "question": "Bagaimana cara mengurus surat pindah keluar dari Kabupaten Lumajang?",
        "answer": (
            "<p>Untuk pindah domisili ke luar Kabupaten Lumajang, ajukan Surat Keterangan Pindah "
            "Warga Negara Indonesia (SKPWNI) ke Dispendukcapil Lumajang dengan membawa KK asli dan "
            "KTP-el, serta menyebutkan alamat tujuan lengkap dan anggota keluarga yang ikut pindah. "
            "Setelah SKPWNI terbit, bawa surat tersebut ke Dinas Dukcapil daerah tujuan untuk "
            "diterbitkan KK dan KTP-el dengan alamat baru. NIK Anda tidak berubah meskipun pindah "
            "daerah.</p>"
        ),
        "category": "Kependudukan",
        "agency": "DISPENDUKCAPIL",
        "keywords": "surat pindah, pindah keluar, skpwni, pindah domisili, pindah alamat, pindah kota, mutasi penduduk",
    },
    {
        "slug": "pindah-datang-ke-lumajang",
        "question": "Saya pindah dari luar daerah ke Lumajang. Bagaimana mengurus KK dan KTP-el baru?",
        "answer": (
            "<ol>"
            "<li>Urus surat keterangan pindah (SKPWNI) di Dinas Dukcapil daerah asal.</li>"
            "<li>Bawa SKPWNI ke Dispendukcapil Lumajang. Jika menumpang pada keluarga lain, sertakan "
            "KK asli keluarga yang ditumpangi.</li>"
            "<li>Dispendukcapil menerbitkan KK dengan alamat di Lumajang, kemudian KTP-el dicetak "
            "ulang dengan alamat baru.</li>"
            "</ol>"
            "<p>NIK tetap sama dan layanan ini gratis. Untuk pindah antarkecamatan di dalam "
            "Kabupaten Lumajang, prosesnya lebih sederhana; tanyakan persyaratannya ke "
            "Dispendukcapil.</p>"
        ),
        "category": "Kependudukan",
        "agency": "DISPENDUKCAPIL",
        "keywords": "pindah datang, pindahan, baru pindah, domisili baru, pindah ke lumajang, ktp alamat baru, skpwni",
    },
    {
        "slug": "aktivasi-ikd",
        "question": "Bagaimana cara mengaktifkan Identitas Kependudukan Digital (IKD)?",
        "answer": (
            "<p>IKD adalah KTP-el dalam bentuk digital di ponsel. Langkahnya:</p>"
            "<ol>"
            "<li>Pastikan Anda sudah memiliki KTP-el, ponsel pintar, nomor ponsel aktif, dan alamat surel.</li>"
            "<li>Unduh aplikasi <strong>Identitas Kependudukan Digital</strong> dari toko aplikasi "
            "resmi, lalu isi NIK, alamat surel, dan nomor ponsel.</li>"
            "<li>Lakukan verifikasi wajah melalui aplikasi.</li>"
            "<li>Pindai kode QR yang disediakan petugas Dispendukcapil untuk menyelesaikan aktivasi.</li>"
            "</ol>"
            "<p>Aktivasi gratis. Tanyakan lokasi pelayanan aktivasi ke Dispendukcapil Lumajang.</p>"
        ),
        "category": "Kependudukan",
        "agency": "DISPENDUKCAPIL",
        "keywords": "ikd, ktp digital, identitas digital, aplikasi ikd, aktivasi, ktp di hp, kode qr",
    },
    {
        "slug": "kartu-identitas-anak",
        "question": "Bagaimana cara membuat Kartu Identitas Anak (KIA)?",
        "answer": (
            "<p>KIA adalah kartu identitas bagi anak berusia di bawah 17 tahun yang belum menikah. "
            "Persyaratannya:</p>"
            "<ul>"
            "<li>akta kelahiran anak;</li>"
            "<li>Kartu Keluarga;</li>"
            "<li>KTP-el kedua orang tua atau wali;</li>"
            "<li>pas foto berwarna untuk anak berusia 5 tahun ke atas.</li>"
            "</ul>"
            "<p>Ajukan ke Dispendukcapil Lumajang atau tempat layanan yang ditunjuk. Pengurusan gratis.</p>"
        ),
        "category": "Kependudukan",
        "agency": "DISPENDUKCAPIL",
        "keywords": "kia, kartu anak, ktp anak, identitas anak, kartu identitas anak, kartu bocah",
    },
    {
        "slug": "perbaikan-data-kependudukan",
        "question": "Bagaimana cara membetulkan data yang salah pada KK atau KTP-el?",
        "answer": (
            "<p>Kesalahan data seperti penulisan nama, tanggal lahir, agama, atau pendidikan "
            "dibetulkan melalui Dispendukcapil Lumajang. Bawa KK dan KTP-el asli serta dokumen yang "
            "menjadi dasar perbaikan, misalnya akta kelahiran, ijazah, atau buku nikah. Penggantian "
            "nama memerlukan penetapan pengadilan. Setelah data di KK diperbaiki, KTP-el dapat "
            "dicetak ulang sesuai data yang benar.</p>"
        ),
        "category": "Kependudukan",
        "agency": "DISPENDUKCAPIL",
        "keywords": "data salah, salah ketik, salah nama, tanggal lahir salah, perbaikan data, ubah data, ganti nama",
    },
    # ------------------------------------------------------------------
    # Kesehatan
    # ------------------------------------------------------------------
    {
        "slug": "daftar-bpjs-pbi",
        "question": "Bagaimana cara mendaftar BPJS Kesehatan yang iurannya ditanggung pemerintah (PBI)?",
        "answer": (
            "<p>Kepesertaan Penerima Bantuan Iuran (PBI) diperuntukkan bagi warga miskin dan tidak "
            "mampu. Langkahnya:</p>"
            "<ol>"
            "<li>Pastikan Anda terdaftar dalam data kesejahteraan sosial (DTSEN, sebelumnya DTKS); "
            "jika belum, ajukan melalui desa/kelurahan.</li>"
            "<li>Ajukan usulan kepesertaan PBI ke Dinas Sosial Lumajang melalui desa/kelurahan "
            "dengan membawa KTP-el dan KK.</li>"
            "<li>Dinas Sosial memverifikasi dan mengusulkan kepesertaan, baik yang iurannya dibiayai "
            "pemerintah pusat maupun pemerintah daerah.</li>"
            "</ol>"
            "<p>Status kepesertaan dapat dicek melalui aplikasi Mobile JKN atau layanan BPJS "
            "Kesehatan <strong>165</strong>.</p>"
        ),
        "category": "Kesehatan",
        "agency": "DINSOS",
        "keywords": "bpjs gratis, pbi, kis, bpjs pemerintah, daftar bpjs, bpjs miskin, jamkesda, iuran ditanggung",
    },
    {
        "slug": "kis-nonaktif",
        "question": "Kartu BPJS Kesehatan/KIS saya tidak aktif. Apa yang harus dilakukan?",
        "answer": (
            "<p>Cek dahulu status kepesertaan melalui aplikasi Mobile JKN, layanan BPJS Kesehatan "
            "<strong>165</strong>, atau kantor BPJS Kesehatan.</p>"
            "<ul>"
            "<li><strong>Peserta PBI</strong> yang dinonaktifkan karena pemutakhiran data dapat "
            "mengajukan reaktivasi melalui Dinas Sosial dengan membawa KTP-el, KK, dan surat "
            "keterangan dari fasilitas kesehatan jika sedang membutuhkan perawatan.</li>"
            "<li><strong>Peserta mandiri</strong> umumnya nonaktif karena tunggakan iuran dan dapat "
            "aktif kembali setelah tunggakan dilunasi sesuai ketentuan BPJS Kesehatan.</li>"
            "</ul>"
        ),
        "category": "Kesehatan",
        "agency": "DINSOS",
        "keywords": "kis mati, bpjs tidak aktif, bpjs nonaktif, reaktivasi, aktifkan bpjs, kartu kis, bpjs diblokir",
    },
    {
        "slug": "layanan-puskesmas",
        "question": "Layanan apa saja yang tersedia di puskesmas?",
        "answer": (
            "<p>Puskesmas melayani pemeriksaan dan pengobatan umum, kesehatan gigi, kesehatan ibu dan "
            "anak, imunisasi, keluarga berencana, pemeriksaan laboratorium sederhana, serta konsultasi "
            "gizi. Sebagian puskesmas juga menyediakan rawat inap dan persalinan. Bawa KTP-el dan "
            "kartu JKN; peserta JKN yang terdaftar di puskesmas tersebut tidak dikenai biaya untuk "
            "layanan yang dijamin. Puskesmas juga menjadi pintu rujukan ke rumah sakit. Jam layanan "
            "dapat berbeda antarpuskesmas; cek pengumuman resmi puskesmas setempat atau Dinas "
            "Kesehatan Lumajang.</p>"
        ),
        "category": "Kesehatan",
        "agency": "DINKES",
        "keywords": "puskesmas, berobat, periksa, dokter, pustu, poli gigi, layanan kesehatan, kb",
    },
    {
        "slug": "imunisasi-anak",
        "question": "Di mana anak bisa mendapatkan imunisasi dasar?",
        "answer": (
            "<p>Imunisasi rutin untuk bayi dan anak tersedia <strong>gratis</strong> di puskesmas, "
            "puskesmas pembantu, dan posyandu sesuai jadwal masing-masing. Bawa buku Kesehatan Ibu "
            "dan Anak (buku KIA) agar riwayat imunisasi tercatat. Jika ada imunisasi yang terlewat, "
            "anak tetap dapat melengkapinya melalui imunisasi kejar; konsultasikan dengan bidan atau "
            "petugas puskesmas.</p>"
        ),
        "category": "Kesehatan",
        "agency": "DINKES",
        "keywords": "imunisasi, vaksin, posyandu, suntik bayi, vaksin anak, campak, buku kia, imunisasi kejar",
    },
    {
        "slug": "rawat-jalan-rsud-haryoto",
        "question": "Bagaimana prosedur berobat rawat jalan di RSUD dr. Haryoto Lumajang?",
        "answer": (
            "<ol>"
            "<li>Peserta JKN membawa surat rujukan dari puskesmas atau klinik tempat terdaftar, "
            "KTP-el, dan kartu JKN atau KIS digital.</li>"
            "<li>Lakukan pendaftaran; jika tersedia, manfaatkan antrean daring melalui aplikasi "
            "Mobile JKN atau kanal resmi rumah sakit.</li>"
            "<li>Menuju poliklinik sesuai rujukan dan jadwal dokter.</li>"
            "</ol>"
            "<p>Pasien umum tanpa JKN dapat mendaftar langsung dengan biaya sesuai tarif rumah "
            "sakit. Jadwal poliklinik dapat berubah; cek pengumuman resmi RSUD dr. Haryoto.</p>"
        ),
        "category": "Kesehatan",
        "agency": "RSUD",
        "keywords": "rsud, rumah sakit, haryoto, poli, rawat jalan, rujukan, kontrol, antrean",
    },
    {
        "slug": "igd-rsud-haryoto",
        "question": "Apakah pasien gawat darurat bisa langsung ke IGD RSUD dr. Haryoto tanpa rujukan?",
        "answer": (
            "<p>Bisa. Instalasi Gawat Darurat (IGD) RSUD dr. Haryoto melayani 24 jam, dan pasien "
            "dalam kondisi gawat darurat tidak memerlukan surat rujukan. Bawa KTP-el dan kartu JKN "
            "jika ada; bila belum sempat, dokumen dapat dilengkapi kemudian sesuai ketentuan. "
            "Kondisi yang menurut penilaian petugas bukan kegawatdaruratan dapat diarahkan ke "
            "puskesmas atau poliklinik sesuai ketentuan JKN.</p>"
        ),
        "category": "Kesehatan",
        "agency": "RSUD",
        "keywords": "igd, ugd, gawat darurat, rumah sakit, tengah malam, tanpa rujukan, 24 jam, haryoto",
    },
    {
        "slug": "ambulans-gawat-darurat",
        "question": "Bagaimana cara memanggil ambulans dalam keadaan darurat?",
        "answer": (
            "<p>Hubungi <strong>119</strong> untuk layanan gawat darurat medis atau <strong>112</strong> "
            "untuk panggilan darurat terpadu. Sampaikan:</p>"
            "<ul>"
            "<li>lokasi lengkap dan patokan terdekat;</li>"
            "<li>kondisi pasien, misalnya sadar atau tidak, bernapas atau tidak, dan ada perdarahan atau tidak;</li>"
            "<li>nomor telepon yang dapat dihubungi kembali.</li>"
            "</ul>"
            "<p>Tetap dampingi pasien dan ikuti arahan petugas sampai ambulans tiba. Sebagian desa "
            "juga memiliki ambulans desa; tanyakan kepada pemerintah desa setempat.</p>"
        ),
        "category": "Kesehatan",
        "agency": "DINKES",
        "keywords": "ambulans, ambulan, 119, 112, pingsan, kecelakaan, jemput pasien, darurat medis",
    },
    # ------------------------------------------------------------------
    # Pendidikan
    # ------------------------------------------------------------------
    {
        "slug": "spmb-sd-smp",
        "question": "Bagaimana ketentuan penerimaan murid baru (SPMB, dahulu PPDB) SD dan SMP negeri?",
        "answer": (
            "<p>Mulai 2025, PPDB diganti dengan Sistem Penerimaan Murid Baru (SPMB). Untuk SD dan "
            "SMP negeri yang dikelola Pemerintah Kabupaten Lumajang, jalurnya meliputi:</p>"
            "<ul>"
            "<li><strong>domisili</strong> (pengganti zonasi), umumnya berdasarkan alamat di KK;</li>"
            "<li><strong>afirmasi</strong>, untuk murid dari keluarga tidak mampu dan penyandang disabilitas;</li>"
            "<li><strong>mutasi</strong>, untuk murid yang pindah karena tugas orang tua;</li>"
            "<li><strong>prestasi</strong>, khusus jenjang SMP.</li>"
            "</ul>"
            "<p>Kuota, jadwal, dan syarat seperti lama domisili ditetapkan dalam petunjuk teknis "
            "Dinas Pendidikan Lumajang setiap tahun; cek pengumuman resmi sebelum mendaftar.</p>"
        ),
        "category": "Pendidikan",
        "agency": "DISDIK",
        "keywords": "ppdb, spmb, zonasi, domisili, daftar sekolah, sd negeri, smp negeri, jalur pendaftaran",
    },
    {
        "slug": "spmb-sma-smk",
        "question": "Siapa yang mengurus penerimaan murid baru SMA dan SMK negeri di Lumajang?",
        "answer": (
            "<p>SMA, SMK, dan SLB negeri dikelola oleh Pemerintah Provinsi Jawa Timur. Karena itu, "
            "penerimaan murid barunya diatur oleh Dinas Pendidikan Provinsi Jawa Timur melalui cabang "
            "dinas yang membawahi Lumajang, bukan oleh Dinas Pendidikan Kabupaten. Jadwal, jalur, dan "
            "syarat diumumkan melalui laman resmi SPMB Jawa Timur. Pertanyaan atau keluhan tetap "
            "dapat disampaikan melalui Sambat Bunda untuk diteruskan ke instansi terkait.</p>"
        ),
        "category": "Pendidikan",
        "agency": "",
        "keywords": "sma negeri, smk negeri, slb, ppdb sma, spmb jatim, daftar sma, cabang dinas, provinsi",
    },
    {
        "slug": "kip-pip",
        "question": "Bagaimana cara mendapatkan bantuan Program Indonesia Pintar (PIP) atau KIP?",
        "answer": (
            "<p>PIP adalah bantuan tunai pendidikan dari pemerintah pusat bagi siswa dari keluarga "
            "kurang mampu, dengan prioritas bagi pemegang KIP, anggota keluarga penerima PKH, atau "
            "yang terdaftar dalam data kesejahteraan sosial. Siswa diusulkan oleh sekolah melalui "
            "Dapodik, jadi sampaikan kondisi keluarga kepada wali kelas atau operator sekolah. Status "
            "penerima dapat dicek di laman <strong>pip.kemdikbud.go.id</strong> dengan NISN dan NIK. "
            "Dana dicairkan melalui rekening bank penyalur setelah aktivasi dengan surat keterangan "
            "dari sekolah, dan seluruh prosesnya tanpa biaya.</p>"
        ),
        "category": "Pendidikan",
        "agency": "DISDIK",
        "keywords": "pip, kip, kartu indonesia pintar, bantuan sekolah, dana pip, cek pip, nisn, bantuan siswa",
    },
    {
        "slug": "seragam-sekolah",
        "question": "Apakah sekolah boleh mewajibkan orang tua membeli seragam melalui sekolah?",
        "answer": (
            "<p>Tidak. Pengadaan seragam sekolah menjadi tanggung jawab orang tua atau wali, dan "
            "orang tua bebas membelinya di mana saja. Guru, tenaga kependidikan, dan komite sekolah "
            "dilarang menjual seragam atau bahan seragam, dan sekolah tidak boleh mewajibkan pembelian "
            "seragam baru setiap kenaikan kelas atau penerimaan murid baru. Bagi keluarga kurang "
            "mampu, bantuan seragam dapat berasal dari pemerintah, pemerintah daerah, atau pihak lain "
            "jika ada programnya. Jika menemukan pemaksaan pembelian, laporkan melalui Sambat Bunda "
            "dengan menyebutkan nama sekolah.</p>"
        ),
        "category": "Pendidikan",
        "agency": "DISDIK",
        "keywords": "seragam, baju sekolah, beli seragam, koperasi sekolah, wajib beli, atribut sekolah, kain seragam",
    },
    {
        "slug": "pungutan-sekolah",
        "question": "Apakah SD dan SMP negeri boleh menarik pungutan dari orang tua murid?",
        "answer": (
            "<p>SD dan SMP negeri sebagai penyelenggara wajib belajar tidak boleh memungut biaya "
            "pendidikan yang bersifat wajib, karena biaya operasionalnya dibantu antara lain melalui "
            "dana BOS. Sumbangan dari orang tua diperbolehkan hanya jika <strong>sukarela</strong>, "
            "tidak ditentukan jumlahnya, dan tidak ditentukan jangka waktunya. Jika ada pungutan yang "
            "diwajibkan, misalnya sebagai syarat mengambil rapor atau ijazah, laporkan melalui Sambat "
            "Bunda dengan menyebutkan nama sekolah, jenis pungutan, dan waktunya.</p>"
        ),
        "category": "Pendidikan",
        "agency": "DISDIK",
        "keywords": "pungutan sekolah, pungli sekolah, sumbangan, iuran sekolah, uang gedung, komite, tebus ijazah, bayar sekolah",
    },
    {
        "slug": "info-beasiswa",
        "question": "Di mana saya bisa mendapatkan informasi beasiswa yang resmi?",
        "answer": (
            "<p>Informasi beasiswa yang resmi dapat diperoleh dari:</p>"
            "<ul>"
            "<li><strong>KIP Kuliah</strong> dari pemerintah pusat bagi lulusan SMA/SMK/sederajat dari "
            "keluarga kurang mampu, melalui laman resmi KIP Kuliah;</li>"
            "<li>program beasiswa Pemerintah Provinsi Jawa Timur atau Pemerintah Kabupaten Lumajang, "
            "jika dibuka, yang diumumkan melalui kanal resmi pemerintah daerah;</li>"
            "<li>sekolah atau perguruan tinggi tempat Anda belajar.</li>"
            "</ul>"
            "<p>Waspadai penipuan: beasiswa resmi tidak meminta biaya pendaftaran atau transfer uang. "
            "Jika ragu, tanyakan keasliannya melalui Sambat Bunda.</p>"
        ),
        "category": "Pendidikan",
        "agency": "",
        "keywords": "beasiswa, kip kuliah, bantuan kuliah, kuliah gratis, biaya kuliah, beasiswa pemda, bidikmisi",
    },
    # ------------------------------------------------------------------
    # Pajak dan Retribusi
    # ------------------------------------------------------------------
    {
        "slug": "bayar-pbb-p2",
        "question": "Bagaimana cara membayar PBB-P2?",
        "answer": (
            "<p>Pajak Bumi dan Bangunan Perdesaan dan Perkotaan (PBB-P2) dibayar berdasarkan Surat "
            "Pemberitahuan Pajak Terutang (SPPT) yang dibagikan melalui desa/kelurahan. Siapkan "
            "Nomor Objek Pajak (NOP) yang tercantum di SPPT, lalu bayar melalui bank atau kanal "
            "pembayaran yang ditunjuk Bapenda Lumajang, atau melalui petugas desa yang ditugaskan. "
            "Simpan bukti pembayaran. Batas waktu pembayaran tercantum di SPPT; bayar sebelum jatuh "
            "tempo agar tidak dikenai denda. Daftar kanal pembayaran dapat berubah; cek pengumuman "
            "resmi Bapenda Lumajang.</p>"
        ),
        "category": "Pajak dan Retribusi",
        "agency": "BAPENDA",
        "keywords": "pbb, bayar pbb, pajak tanah, pajak rumah, sppt, nop, pajak bumi, jatuh tempo",
    },
    {
        "slug": "keringanan-pbb",
        "question": "Apakah ada keringanan atau potongan PBB-P2?",
        "answer": (
            "<p>Ada dua jenis keringanan yang umumnya tersedia:</p>"
            "<ul>"
            "<li><strong>Program pemerintah daerah</strong>, misalnya penghapusan denda atau potongan "
            "pokok pajak pada periode tertentu. Program ini tidak selalu ada setiap tahun, jadi cek "
            "pengumuman resmi Bapenda Lumajang.</li>"
            "<li><strong>Permohonan pengurangan perorangan</strong>, yang dapat diajukan wajib pajak "
            "ke Bapenda dengan alasan tertentu, misalnya kondisi ekonomi yang sulit atau objek pajak "
            "terdampak bencana, disertai dokumen pendukung.</li>"
            "</ul>"
            "<p>Keputusan atas permohonan diberikan setelah penelitian oleh Bapenda.</p>"
        ),
        "category": "Pajak dan Retribusi",
        "agency": "BAPENDA",
        "keywords": "diskon pbb, keringanan, potongan pajak, pemutihan, hapus denda, pengurangan pbb, pbb naik",
    },
    {
        "slug": "mutasi-sppt-pbb",
        "question": "Bagaimana jika nama atau data di SPPT PBB tidak sesuai, misalnya setelah jual beli atau waris?",
        "answer": (
            "<p>Ajukan permohonan mutasi atau pembetulan SPPT ke Bapenda Lumajang. Umumnya "
            "diperlukan KTP-el pemohon, SPPT terakhir, bukti kepemilikan atau peralihan hak "
            "(misalnya sertifikat, akta jual beli, atau surat keterangan waris), dan bukti lunas PBB "
            "tahun sebelumnya. Permohonan dapat diajukan melalui desa/kelurahan atau langsung ke "
            "Bapenda. Persyaratan dapat berbeda per kasus; konfirmasikan ke Bapenda sebelum "
            "mengajukan.</p>"
        ),
        "category": "Pajak dan Retribusi",
        "agency": "BAPENDA",
        "keywords": "balik nama pbb, mutasi pbb, sppt salah, ganti nama sppt, pecah sppt, luas tanah salah, sppt ganda",
    },
    {
        "slug": "bphtb",
        "question": "Apa itu BPHTB dan kapan harus dibayar?",
        "answer": (
            "<p>Bea Perolehan Hak atas Tanah dan/atau Bangunan (BPHTB) adalah pajak atas perolehan "
            "hak atas tanah atau bangunan, misalnya karena jual beli, hibah, atau waris. BPHTB "
            "dihitung dari Nilai Perolehan Objek Pajak dikurangi Nilai Perolehan Objek Pajak Tidak "
            "Kena Pajak (NPOPTKP), dengan tarif paling tinggi 5% sesuai peraturan daerah. BPHTB "
            "dibayar sebelum akta ditandatangani di hadapan PPAT atau sebelum pendaftaran hak di "
            "kantor pertanahan, lalu divalidasi oleh Bapenda. Besaran NPOPTKP dan tata cara validasi "
            "dapat ditanyakan ke Bapenda Lumajang atau PPAT.</p>"
        ),
        "category": "Pajak dan Retribusi",
        "agency": "BAPENDA",
        "keywords": "bphtb, pajak jual beli tanah, balik nama sertifikat, pajak waris, hibah tanah, ajb, ppat, notaris",
    },
    {
        "slug": "retribusi-pasar",
        "question": "Berapa retribusi pasar dan bagaimana cara membayarnya?",
        "answer": (
            "<p>Retribusi pasar dibayar oleh pedagang atas penggunaan tempat berjualan, seperti kios, "
            "los, atau pelataran, di pasar milik Pemerintah Kabupaten Lumajang. Besaran tarifnya "
            "ditetapkan dalam peraturan daerah dan dapat berbeda menurut jenis tempat, luas, dan kelas "
            "pasar. Pedagang berhak menerima karcis atau bukti pembayaran yang sah setiap kali "
            "membayar. Tanyakan tarif yang berlaku kepada pengelola pasar; jika ada pungutan tanpa "
            "bukti resmi, laporkan melalui Sambat Bunda.</p>"
        ),
        "category": "Pajak dan Retribusi",
        "agency": "DISKOPINDAG",
        "keywords": "retribusi pasar, karcis pasar, sewa kios, bayar los, pedagang pasar, pungutan pasar, biaya lapak",
    },
    {
        "slug": "pajak-kendaraan-bermotor",
        "question": "Di mana membayar pajak kendaraan bermotor bagi warga Lumajang?",
        "answer": (
            "<p>Pajak kendaraan bermotor dipungut oleh Pemerintah Provinsi Jawa Timur, bukan oleh "
            "Bapenda Kabupaten Lumajang. Pembayarannya dilakukan melalui Samsat, termasuk layanan "
            "Samsat keliling atau kanal daring resmi yang disediakan Pemerintah Provinsi Jawa Timur "
            "dan Samsat. Bawa STNK dan KTP-el sesuai nama pemilik kendaraan. Lokasi, jadwal, dan "
            "program pemutihan (jika ada) diumumkan melalui kanal resmi Bapenda Provinsi Jawa Timur "
            "dan Samsat.</p>"
        ),
        "category": "Pajak dan Retribusi",
        "agency": "",
        "keywords": "pajak motor, pajak mobil, samsat, stnk, pkb, pajak kendaraan, pajak tahunan",
    },
    # ------------------------------------------------------------------
    # Perizinan
    # ------------------------------------------------------------------
    {
        "slug": "pbg-izin-bangunan",
        "question": "Bagaimana cara mengurus Persetujuan Bangunan Gedung (PBG)?",
        "answer": (
            "<p>PBG menggantikan Izin Mendirikan Bangunan (IMB) dan diajukan secara daring melalui "
            "Sistem Informasi Manajemen Bangunan Gedung (SIMBG) di <strong>simbg.pu.go.id</strong>.</p>"
            "<ol>"
            "<li>Buat akun, lalu isi data pemohon dan data bangunan.</li>"
            "<li>Unggah dokumen: KTP-el, bukti kepemilikan atau penguasaan tanah, dan dokumen rencana "
            "teknis (gambar arsitektur, struktur, dan utilitas) sesuai jenis bangunan.</li>"
            "<li>Ikuti konsultasi dan pemeriksaan dokumen oleh tim teknis.</li>"
            "<li>Bayar retribusi PBG sesuai hasil perhitungan, lalu PBG diterbitkan.</li>"
            "</ol>"
            "<p>Untuk rumah tinggal sederhana tersedia kemudahan, misalnya penggunaan desain "
            "prototipe. Konsultasi dapat dilakukan di DPMPTSP Lumajang.</p>"
        ),
        "category": "Perizinan",
        "agency": "DPMPTSP",
        "keywords": "pbg, imb, izin bangunan, izin bangun rumah, simbg, bangun ruko, izin mendirikan bangunan",
    },
    {
        "slug": "nib-oss",
        "question": "Bagaimana cara membuat Nomor Induk Berusaha (NIB)?",
        "answer": (
            "<p>NIB dibuat secara daring dan <strong>gratis</strong> melalui sistem OSS di laman "
            "<strong>oss.go.id</strong>.</p>"
            "<ol>"
            "<li>Buat akun OSS menggunakan NIK, alamat surel, dan nomor ponsel aktif.</li>"
            "<li>Isi data usaha: bidang usaha (KBLI), lokasi, modal, dan jumlah tenaga kerja.</li>"
            "<li>Periksa kembali data, lalu terbitkan NIB.</li>"
            "</ol>"
            "<p>Jika mengalami kesulitan, datang ke DPMPTSP Lumajang untuk mendapatkan pendampingan.</p>"
        ),
        "category": "Perizinan",
        "agency": "DPMPTSP",
        "keywords": "nib, oss, nomor induk berusaha, daftar usaha, legalitas usaha, kbli, umkm, izin usaha",
    },
    {
        "slug": "izin-usaha-mikro",
        "question": "Izin apa yang diperlukan untuk usaha mikro atau usaha rumahan?",
        "answer": (
            "<p>Untuk usaha mikro dan kecil dengan risiko rendah, <strong>NIB</strong> dari OSS sudah "
            "berlaku sebagai izin usaha sekaligus identitas berusaha. NIB juga memudahkan akses ke "
            "pembinaan, pembiayaan, dan program pemerintah bagi UMKM. Izin tambahan mungkin diperlukan "
            "sesuai produk, misalnya SPP-IRT untuk pangan olahan rumahan atau sertifikat halal. "
            "Konsultasikan jenis usaha Anda ke DPMPTSP Lumajang agar izin yang diurus sesuai.</p>"
        ),
        "category": "Perizinan",
        "agency": "DPMPTSP",
        "keywords": "izin umkm, usaha kecil, usaha rumahan, iumk, izin jualan, izin warung, usaha mikro, legalitas",
    },
    {
        "slug": "siup-diganti-nib",
        "question": "Apakah SIUP masih diperlukan untuk membuka usaha?",
        "answer": (
            "<p>Tidak. Sejak berlakunya perizinan berusaha berbasis risiko melalui OSS, SIUP dan TDP "
            "tidak diterbitkan lagi dan fungsinya digantikan oleh <strong>NIB</strong>. Pelaku usaha "
            "yang masih memegang SIUP lama dianjurkan mendaftar atau memperbarui data di "
            "<strong>oss.go.id</strong> agar memperoleh NIB. Untuk usaha berisiko menengah atau "
            "tinggi, selain NIB diperlukan sertifikat standar atau izin sesuai ketentuan.</p>"
        ),
        "category": "Perizinan",
        "agency": "DPMPTSP",
        "keywords": "siup, tdp, izin dagang, surat izin usaha perdagangan, perpanjang siup, izin toko, ganti siup",
    },
    {
        "slug": "izin-pirt",
        "question": "Bagaimana cara mengurus izin PIRT untuk produk makanan rumahan?",
        "answer": (
            "<p>Sertifikat Produksi Pangan Industri Rumah Tangga (SPP-IRT) diajukan melalui OSS "
            "setelah memiliki NIB. Persyaratannya umumnya meliputi sertifikat penyuluhan keamanan "
            "pangan yang diikuti melalui Dinas Kesehatan, label produk, dan pemeriksaan sarana "
            "produksi oleh petugas. SPP-IRT hanya berlaku untuk jenis pangan olahan tertentu; produk "
            "seperti susu olahan atau pangan yang harus disimpan beku memerlukan izin edar dari BPOM. "
            "Jadwal penyuluhan dapat ditanyakan ke Dinas Kesehatan atau DPMPTSP Lumajang.</p>"
        ),
        "category": "Perizinan",
        "agency": "DPMPTSP",
        "keywords": "pirt, spp-irt, izin makanan, izin kue, produk rumahan, izin jual makanan, label, keamanan pangan",
    },
    # ------------------------------------------------------------------
    # Sosial
    # ------------------------------------------------------------------
    {
        "slug": "daftar-dtsen",
        "question": "Bagaimana cara mendaftar ke data kesejahteraan sosial (DTKS/DTSEN) agar bisa menerima bantuan?",
        "answer": (
            "<p>Mulai 2025, Data Terpadu Kesejahteraan Sosial (DTKS) digantikan oleh Data Tunggal "
            "Sosial dan Ekonomi Nasional (DTSEN) sebagai dasar penyaluran bantuan sosial. Cara "
            "mengusulkan diri:</p>"
            "<ul>"
            "<li>melapor ke desa/kelurahan dengan membawa KTP-el dan KK, agar diusulkan ke Dinas "
            "Sosial melalui musyawarah desa/kelurahan; atau</li>"
            "<li>menggunakan fitur usulan pada aplikasi <strong>Cek Bansos</strong> dari Kementerian Sosial.</li>"
            "</ul>"
            "<p>Pastikan data kependudukan Anda sudah sesuai dengan data Dispendukcapil. Terdaftar "
            "dalam data belum tentu langsung menerima bantuan, karena penetapan penerima mengikuti "
            "kriteria dan kuota setiap program.</p>"
        ),
        "category": "Sosial",
        "agency": "DINSOS",
        "keywords": "dtks, dtsen, data miskin, daftar bansos, desil, usulan bantuan, keluarga miskin, terdaftar bantuan",
    },
    {
        "slug": "cek-bansos",
        "question": "Bagaimana cara mengecek apakah saya terdaftar sebagai penerima bantuan sosial?",
        "answer": (
            "<p>Buka laman <strong>cekbansos.kemensos.go.id</strong> atau aplikasi Cek Bansos, lalu "
            "isi provinsi, kabupaten, kecamatan, desa, dan nama sesuai KTP-el. Hasilnya menunjukkan "
            "program bantuan yang Anda terima beserta periodenya. Jika merasa layak tetapi tidak "
            "terdaftar, atau mengetahui penerima yang dinilai tidak layak, sampaikan usulan atau "
            "sanggahan melalui aplikasi tersebut, desa/kelurahan, atau Dinas Sosial Lumajang.</p>"
        ),
        "category": "Sosial",
        "agency": "DINSOS",
        "keywords": "cek bansos, cek bantuan, penerima bantuan, nama terdaftar, bansos cair, sanggah, kemensos",
    },
    {
        "slug": "pkh",
        "question": "Apa itu Program Keluarga Harapan (PKH) dan siapa yang bisa menerimanya?",
        "answer": (
            "<p>PKH adalah bantuan sosial bersyarat dari Kementerian Sosial bagi keluarga miskin yang "
            "terdaftar dalam data kesejahteraan sosial dan memiliki komponen berikut:</p>"
            "<ul>"
            "<li>ibu hamil atau anak usia dini;</li>"
            "<li>anak usia sekolah;</li>"
            "<li>lanjut usia;</li>"
            "<li>penyandang disabilitas berat.</li>"
            "</ul>"
            "<p>Penerima wajib memenuhi komitmen, misalnya memeriksakan kehamilan, membawa anak ke "
            "posyandu, dan memastikan anak bersekolah. Penetapan penerima dilakukan oleh Kementerian "
            "Sosial; informasi lebih lanjut dapat ditanyakan kepada pendamping PKH di kecamatan atau "
            "Dinas Sosial Lumajang.</p>"
        ),
        "category": "Sosial",
        "agency": "DINSOS",
        "keywords": "pkh, program keluarga harapan, bantuan pkh, pendamping pkh, kks, bantuan lansia, bansos anak sekolah",
    },
    {
        "slug": "blt",
        "question": "Bagaimana cara mendapatkan Bantuan Langsung Tunai (BLT)?",
        "answer": (
            "<p>Ada beberapa jenis BLT dengan aturan yang berbeda:</p>"
            "<ul>"
            "<li><strong>BLT Dana Desa</strong>: penerimanya ditetapkan melalui musyawarah desa "
            "berdasarkan kriteria keluarga miskin, sehingga pengusulannya melalui RT/RW dan pemerintah "
            "desa.</li>"
            "<li><strong>BLT dari pemerintah pusat</strong>: diberikan pada periode tertentu kepada "
            "penerima yang terdaftar dalam data kesejahteraan sosial dan dapat dicek melalui laman "
            "cekbansos.kemensos.go.id.</li>"
            "</ul>"
            "<p>BLT tidak dipungut biaya apa pun. Waspadai pesan berantai atau tautan yang meminta data "
            "pribadi dengan iming-iming BLT.</p>"
        ),
        "category": "Sosial",
        "agency": "DINSOS",
        "keywords": "blt, bantuan tunai, blt dana desa, blt dd, bantuan uang, bansos tunai, cair blt",
    },
    {
        "slug": "rumah-tidak-layak-huni",
        "question": "Bagaimana cara mengajukan bantuan perbaikan rumah tidak layak huni (RTLH)?",
        "answer": (
            "<p>Bantuan perbaikan rumah tidak layak huni dapat bersumber dari pemerintah kabupaten, "
            "pemerintah provinsi, maupun pemerintah pusat. Pengajuan dilakukan melalui pemerintah "
            "desa/kelurahan, yang kemudian mengusulkannya ke Dinas Perumahan dan Kawasan Permukiman. "
            "Umumnya, calon penerima harus:</p>"
            "<ul>"
            "<li>termasuk masyarakat berpenghasilan rendah dan memiliki KTP-el serta KK Lumajang;</li>"
            "<li>menempati rumah di atas tanah milik sendiri yang tidak dalam sengketa;</li>"
            "<li>belum pernah menerima bantuan serupa.</li>"
            "</ul>"
            "<p>Usulan diverifikasi di lapangan dan ditetapkan sesuai kuota anggaran.</p>"
        ),
        "category": "Sosial",
        "agency": "DISPERKIM",
        "keywords": "rtlh, bedah rumah, rumah tidak layak huni, bantuan rumah, renovasi rumah, rumah reyot, bsps",
    },
    # ------------------------------------------------------------------
    # Infrastruktur dan Lingkungan
    # ------------------------------------------------------------------
    {
        "slug": "pju-mati",
        "question": "Bagaimana melaporkan lampu penerangan jalan umum (PJU) yang mati?",
        "answer": (
            "<p>Laporkan melalui Sambat Bunda dengan menyebutkan nama jalan, desa/kelurahan, "
            "kecamatan, patokan terdekat, dan nomor tiang jika ada, serta lampirkan foto. Laporan akan "
            "diteruskan ke instansi pengelola PJU. Perlu diketahui, lampu di jalan nasional atau "
            "provinsi, lampu lingkungan milik desa, dan lampu pribadi dikelola oleh pihak yang "
            "berbeda. Jika ada kabel listrik putus atau tiang yang membahayakan, jauhi lokasi dan "
            "hubungi PLN di <strong>123</strong>.</p>"
        ),
        "category": "Infrastruktur dan Lingkungan",
        "agency": "DISHUB",
        "keywords": "pju, lampu jalan, lampu mati, penerangan jalan, jalan gelap, lampu rusak, tiang lampu",
    },
    {
        "slug": "jalan-rusak",
        "question": "Siapa yang memperbaiki jalan rusak, dan bagaimana cara melaporkannya?",
        "answer": (
            "<p>Kewenangan perbaikan jalan bergantung pada status jalannya:</p>"
            "<ul>"
            "<li><strong>Jalan nasional</strong>: pemerintah pusat melalui Kementerian Pekerjaan Umum.</li>"
            "<li><strong>Jalan provinsi</strong>: Pemerintah Provinsi Jawa Timur.</li>"
            "<li><strong>Jalan kabupaten</strong>: Pemerintah Kabupaten Lumajang melalui DPUTR.</li>"
            "<li><strong>Jalan desa</strong>: pemerintah desa.</li>"
            "</ul>"
            "<p>Warga tidak perlu mengetahui status jalan terlebih dahulu. Kirim laporan ke Sambat "
            "Bunda berisi lokasi, patokan, dan foto kerusakan; laporan akan diteruskan ke instansi "
            "yang berwenang. Perbaikan dilakukan sesuai prioritas dan ketersediaan anggaran.</p>"
        ),
        "category": "Infrastruktur dan Lingkungan",
        "agency": "DPUTR",
        "keywords": "jalan rusak, jalan berlubang, aspal rusak, jalan bolong, perbaikan jalan, jalan provinsi, jalan nasional, jembatan rusak",
    },
    {
        "slug": "sampah-tps",
        "question": "Bagaimana jika sampah di TPS menumpuk atau tidak diangkut?",
        "answer": (
            "<p>Laporkan melalui Sambat Bunda dengan menyebutkan lokasi TPS atau tumpukan sampah, "
            "sudah berapa lama tidak diangkut, dan foto kondisinya. Laporan akan diteruskan ke Dinas "
            "Lingkungan Hidup untuk dijadwalkan pengangkutannya. Buang sampah hanya di TPS resmi "
            "sesuai jadwal, dan jangan membuang sampah ke sungai, saluran air, atau lahan kosong. "
            "Untuk lingkungan yang belum terlayani angkutan sampah, tanyakan kemungkinan layanan "
            "melalui desa/kelurahan atau DLH.</p>"
        ),
        "category": "Infrastruktur dan Lingkungan",
        "agency": "DLH",
        "keywords": "sampah, tps, sampah menumpuk, truk sampah, tidak diangkut, bau sampah, buang sampah, sampah liar",
    },
    {
        "slug": "bank-sampah",
        "question": "Bagaimana cara membentuk atau bergabung dengan bank sampah?",
        "answer": (
            "<p>Bank sampah adalah tempat warga menabung sampah terpilah yang masih bernilai, seperti "
            "plastik, kertas, dan logam, untuk ditukar dengan tabungan uang atau barang. Warga dapat "
            "bergabung dengan bank sampah yang sudah ada di desa/kelurahan, atau membentuk bank sampah "
            "baru bersama RT/RW, PKK, atau karang taruna. Dinas Lingkungan Hidup dapat memberikan "
            "pendampingan, pelatihan pemilahan, dan pembinaan pengelolaan bank sampah. Tanyakan "
            "keberadaan bank sampah terdekat kepada pemerintah desa/kelurahan.</p>"
        ),
        "category": "Infrastruktur dan Lingkungan",
        "agency": "DLH",
        "keywords": "bank sampah, nabung sampah, daur ulang, pilah sampah, sampah plastik, rongsok, pengelolaan sampah",
    },
    {
        "slug": "saluran-drainase-tersumbat",
        "question": "Bagaimana melaporkan saluran air atau selokan yang tersumbat dan menyebabkan genangan?",
        "answer": (
            "<p>Laporkan melalui Sambat Bunda dengan menyebutkan lokasi, luas genangan, dan foto "
            "saluran yang tersumbat. Saluran di tepi jalan kabupaten dan saluran perkotaan ditangani "
            "oleh instansi terkait, sedangkan saluran di lingkungan permukiman sering kali menjadi "
            "tanggung jawab bersama warga dan pemerintah desa/kelurahan. Sambil menunggu, warga dapat "
            "bergotong royong membersihkan sampah yang menyumbat. Jika air sudah masuk rumah dan "
            "membahayakan, hubungi 112 atau BPBD.</p>"
        ),
        "category": "Infrastruktur dan Lingkungan",
        "agency": "DPUTR",
        "keywords": "selokan, got mampet, drainase, saluran tersumbat, genangan, gorong-gorong, got buntu",
    },
    {
        "slug": "irigasi-rusak",
        "question": "Ke mana melapor jika saluran irigasi sawah rusak atau airnya tidak mengalir?",
        "answer": (
            "<p>Laporkan melalui Sambat Bunda atau melalui himpunan petani pemakai air (HIPPA) dan "
            "kelompok tani setempat, dengan menyebutkan nama daerah irigasi atau saluran, lokasi, dan "
            "foto kerusakan. Kewenangan pemeliharaan jaringan irigasi primer dan sekunder bergantung "
            "pada luas daerah irigasi, yaitu pemerintah kabupaten, provinsi, atau pusat, sedangkan "
            "saluran tersier umumnya dipelihara petani melalui HIPPA. Laporan akan diteruskan ke "
            "pengelola sumber daya air yang berwenang. Pembagian air pada musim kemarau mengikuti "
            "jadwal giliran yang disepakati.</p>"
        ),
        "category": "Infrastruktur dan Lingkungan",
        "agency": "BAG-PSDA",
        "keywords": "irigasi, saluran sawah, air sawah, dam, pintu air, hippa, tanggul jebol, plengsengan",
    },
    {
        "slug": "pdam-sambungan-baru",
        "question": "Bagaimana cara mengajukan sambungan baru air PDAM?",
        "answer": (
            "<p>Ajukan permohonan ke kantor PDAM terdekat dengan membawa KTP-el, KK, dan keterangan "
            "alamat atau denah lokasi. Petugas akan melakukan survei untuk memastikan lokasi Anda "
            "terjangkau jaringan pipa. Jika memenuhi syarat, pemohon membayar biaya sambungan sesuai "
            "tarif resmi, lalu pemasangan meteran dijadwalkan. Biaya dan syarat dapat berubah; cek "
            "pengumuman resmi PDAM dan selalu minta bukti pembayaran resmi.</p>"
        ),
        "category": "Infrastruktur dan Lingkungan",
        "agency": "PDAM",
        "keywords": "pdam, pasang air, sambungan baru, air ledeng, daftar pdam, pasang meteran, air bersih",
    },
    {
        "slug": "pdam-air-mati",
        "question": "Air PDAM di rumah saya mati atau keruh. Apa yang harus dilakukan?",
        "answer": (
            "<p>Cek dahulu apakah ada pengumuman gangguan atau perbaikan jaringan dari PDAM. Jika "
            "tidak ada, laporkan ke PDAM atau melalui Sambat Bunda dengan menyebutkan nomor pelanggan, "
            "alamat, sejak kapan air mati atau keruh, dan foto bila perlu. Untuk gangguan yang "
            "berlangsung lama, tanyakan kemungkinan pengiriman air bersih sementara. Laporkan juga "
            "pipa bocor yang Anda temukan di jalan agar air tidak terbuang.</p>"
        ),
        "category": "Infrastruktur dan Lingkungan",
        "agency": "PDAM",
        "keywords": "air mati, pdam mati, air keruh, air kecil, pipa bocor, gangguan pdam, air tidak mengalir",
    },
    # ------------------------------------------------------------------
    # Bencana
    # ------------------------------------------------------------------
    {
        "slug": "siaga-erupsi-semeru",
        "question": "Apa yang harus disiapkan warga untuk menghadapi erupsi Gunung Semeru?",
        "answer": (
            "<ul>"
            "<li>Pantau status dan rekomendasi resmi Gunung Semeru dari PVMBG melalui aplikasi atau "
            "laman MAGMA Indonesia, serta informasi dari BPBD Lumajang.</li>"
            "<li>Patuhi larangan beraktivitas dalam radius dan di sepanjang aliran sungai yang "
            "ditetapkan PVMBG.</li>"
            "<li>Siapkan tas siaga berisi dokumen penting, obat-obatan, senter, masker, air minum, "
            "makanan, pakaian, dan pengisi daya ponsel.</li>"
            "<li>Kenali jalur evakuasi dan titik kumpul di desa Anda.</li>"
            "<li>Jangan mudah percaya kabar yang belum jelas sumbernya; pastikan kebenarannya melalui "
            "kanal resmi.</li>"
            "</ul>"
        ),
        "category": "Bencana",
        "agency": "BPBD",
        "keywords": "semeru, erupsi, gunung meletus, awan panas, abu vulkanik, tas siaga, mitigasi, guguran",
    },
    {
        "slug": "status-semeru",
        "question": "Bagaimana cara mengetahui status aktivitas Gunung Semeru?",
        "answer": (
            "<p>Status gunung api ditetapkan oleh Pusat Vulkanologi dan Mitigasi Bencana Geologi "
            "(PVMBG) dalam empat tingkat: <strong>Level I (Normal)</strong>, <strong>Level II "
            "(Waspada)</strong>, <strong>Level III (Siaga)</strong>, dan <strong>Level IV "
            "(Awas)</strong>. Status terkini beserta rekomendasi jarak aman dapat dilihat melalui "
            "aplikasi atau laman MAGMA Indonesia (magma.esdm.go.id). BPBD Lumajang turut menyebarkan "
            "informasi melalui kanal resminya. Rekomendasi dapat berubah sewaktu-waktu, jadi selalu "
            "gunakan informasi terbaru.</p>"
        ),
        "category": "Bencana",
        "agency": "BPBD",
        "keywords": "status semeru, level semeru, siaga, awas, waspada, magma, pvmbg, kondisi semeru",
    },
    {
        "slug": "lahar-dingin-evakuasi",
        "question": "Apa yang harus dilakukan saat ada ancaman banjir lahar dingin atau perintah evakuasi?",
        "answer": (
            "<ul>"
            "<li>Waspadai hujan lebat di sekitar puncak Semeru; lahar dapat datang meskipun di lokasi "
            "Anda tidak hujan.</li>"
            "<li>Jauhi bantaran dan dasar sungai yang berhulu di Semeru, seperti Besuk Kobokan, dan "
            "hentikan aktivitas penambangan pasir saat hujan.</li>"
            "<li>Jangan menyeberangi sungai atau berhenti di jembatan untuk menonton aliran lahar.</li>"
            "<li>Jika sirene peringatan berbunyi atau ada perintah evakuasi dari petugas, segera menuju "
            "titik kumpul atau tempat pengungsian melalui jalur evakuasi.</li>"
            "<li>Utamakan keselamatan lansia, anak-anak, ibu hamil, dan penyandang disabilitas.</li>"
            "</ul>"
        ),
        "category": "Bencana",
        "agency": "BPBD",
        "keywords": "lahar, lahar dingin, banjir lahar, evakuasi, mengungsi, pengungsian, besuk kobokan, sirene",
    },
    {
        "slug": "lapor-kejadian-bencana",
        "question": "Bagaimana melaporkan kejadian bencana kepada BPBD?",
        "answer": (
            "<p>Untuk kejadian yang membutuhkan pertolongan segera, hubungi <strong>112</strong>. "
            "Sampaikan jenis kejadian (misalnya tanah longsor, angin kencang, atau banjir), lokasi "
            "lengkap, waktu kejadian, perkiraan jumlah korban atau warga terdampak, dan kebutuhan "
            "mendesak. Laporan juga dapat disampaikan melalui pemerintah desa atau Sambat Bunda untuk "
            "diteruskan ke BPBD Lumajang, terutama untuk pendataan kerusakan setelah keadaan aman. "
            "Sertakan foto atau video jika aman untuk mengambilnya.</p>"
        ),
        "category": "Bencana",
        "agency": "BPBD",
        "keywords": "lapor bencana, tanah longsor, angin kencang, puting beliung, rumah roboh, bpbd, korban bencana",
    },
    {
        "slug": "banjir-permukiman",
        "question": "Apa yang harus dilakukan saat banjir melanda permukiman?",
        "answer": (
            "<ul>"
            "<li>Matikan aliran listrik dari meteran dan cabut peralatan listrik.</li>"
            "<li>Pindahkan dokumen penting dan barang berharga ke tempat yang lebih tinggi.</li>"
            "<li>Segera mengungsi ke tempat yang lebih tinggi jika air terus naik, dan jangan berjalan "
            "atau berkendara menerobos arus.</li>"
            "<li>Hubungi <strong>112</strong> atau BPBD Lumajang jika membutuhkan pertolongan, dan PLN "
            "di <strong>123</strong> jika ada kabel atau gardu listrik yang terendam.</li>"
            "<li>Setelah air surut, bersihkan rumah dan waspadai penyakit yang menular melalui air.</li>"
            "</ul>"
        ),
        "category": "Bencana",
        "agency": "BPBD",
        "keywords": "banjir, kebanjiran, air masuk rumah, banjir bandang, sungai meluap, luapan air, rumah terendam",
    },
    {
        "slug": "pohon-tumbang",
        "question": "Ke mana melapor jika ada pohon tumbang atau pohon besar yang rawan roboh?",
        "answer": (
            "<p>Jika pohon tumbang menutup jalan, menimpa rumah, atau mengenai kabel listrik, segera "
            "hubungi <strong>112</strong> dan jauhi lokasi; untuk kabel listrik, hubungi juga PLN di "
            "<strong>123</strong>. Untuk pohon di tepi jalan atau fasilitas umum yang tampak rapuh dan "
            "rawan roboh, laporkan melalui Sambat Bunda dengan foto dan lokasinya agar dapat "
            "dijadwalkan pemangkasan oleh instansi terkait. Pohon di pekarangan pribadi menjadi "
            "tanggung jawab pemiliknya.</p>"
        ),
        "category": "Bencana",
        "agency": "BPBD",
        "keywords": "pohon tumbang, pohon roboh, pohon patah, dahan patah, pangkas pohon, pohon rawan, pohon miring",
    },
    # ------------------------------------------------------------------
    # Pertanian dan Perdagangan
    # ------------------------------------------------------------------
    {
        "slug": "pupuk-subsidi",
        "question": "Bagaimana cara menebus pupuk bersubsidi?",
        "answer": (
            "<p>Pupuk bersubsidi hanya dapat ditebus oleh petani yang terdaftar dalam elektronik "
            "Rencana Definitif Kebutuhan Kelompok (e-RDKK). Penebusan dilakukan di kios pupuk resmi "
            "sesuai wilayah, menggunakan <strong>Kartu Tani</strong> atau <strong>KTP-el</strong> "
            "sesuai ketentuan yang berlaku, dengan jumlah sesuai alokasi masing-masing petani. Harga "
            "tidak boleh melebihi Harga Eceran Tertinggi (HET) yang seharusnya dipasang di kios. Jika "
            "kios menjual di atas HET, mewajibkan pembelian barang lain, atau pupuk langka, laporkan "
            "melalui Sambat Bunda atau penyuluh pertanian setempat.</p>"
        ),
        "category": "Pertanian dan Perdagangan",
        "agency": "DKPP",
        "keywords": "pupuk subsidi, kartu tani, urea, npk, kios pupuk, pupuk langka, het pupuk, tebus pupuk",
    },
    {
        "slug": "daftar-e-rdkk",
        "question": "Bagaimana agar petani terdaftar sebagai penerima pupuk bersubsidi?",
        "answer": (
            "<p>Petani perlu bergabung dengan kelompok tani, lalu didata dalam e-RDKK oleh kelompok "
            "tani bersama penyuluh pertanian di Balai Penyuluhan Pertanian (BPP) kecamatan. Siapkan "
            "KTP-el serta data luas lahan yang digarap dan komoditas yang ditanam. Ketentuan penerima, "
            "seperti batas luas lahan garapan dan jenis komoditas, mengikuti peraturan Kementerian "
            "Pertanian yang berlaku. Penyusunan e-RDKK dilakukan pada periode tertentu, jadi tanyakan "
            "jadwalnya kepada penyuluh pertanian.</p>"
        ),
        "category": "Pertanian dan Perdagangan",
        "agency": "DKPP",
        "keywords": "e-rdkk, rdkk, kelompok tani, poktan, daftar petani, kartu tani, ppl, penyuluh pertanian",
    },
    {
        "slug": "lpg-3-kg-het",
        "question": "Berapa harga resmi LPG 3 kg dan bagaimana aturan membelinya?",
        "answer": (
            "<p>LPG 3 kg adalah barang bersubsidi yang diperuntukkan bagi rumah tangga, usaha mikro, "
            "serta nelayan dan petani sasaran. Harga Eceran Tertinggi (HET) di tingkat pangkalan "
            "ditetapkan oleh pemerintah daerah dan wajib dipasang di papan informasi pangkalan. Belilah "
            "di pangkalan resmi dan bawa KTP-el, karena pembelian dicatat untuk memastikan subsidi "
            "tepat sasaran. Jika pangkalan menjual di atas HET atau menolak melayani pembeli yang "
            "berhak, laporkan melalui Sambat Bunda atau layanan kontak Pertamina <strong>135</strong>.</p>"
        ),
        "category": "Pertanian dan Perdagangan",
        "agency": "DISKOPINDAG",
        "keywords": "lpg, elpiji, gas melon, gas 3 kg, het gas, harga gas, tabung gas, beli gas pakai ktp",
    },
    {
        "slug": "pangkalan-lpg",
        "question": "Bagaimana cara menemukan pangkalan resmi LPG 3 kg terdekat?",
        "answer": (
            "<p>Pangkalan resmi biasanya ditandai papan nama pangkalan LPG 3 kg yang memuat nama agen "
            "dan HET. Anda dapat menanyakan lokasi pangkalan terdekat kepada pemerintah desa/kelurahan "
            "atau melalui layanan kontak Pertamina <strong>135</strong>. Membeli di pangkalan resmi "
            "membantu Anda mendapatkan harga sesuai HET. Jika terjadi kelangkaan di wilayah Anda, "
            "laporkan lokasi dan waktunya melalui Sambat Bunda agar dapat ditindaklanjuti bersama "
            "Pertamina dan agen.</p>"
        ),
        "category": "Pertanian dan Perdagangan",
        "agency": "DISKOPINDAG",
        "keywords": "pangkalan gas, agen lpg, pangkalan resmi, gas kosong, elpiji langka, gas melon langka, cari gas",
    },
    {
        "slug": "harga-bahan-pokok",
        "question": "Di mana bisa mengetahui harga bahan pokok di pasar?",
        "answer": (
            "<p>Pemerintah daerah memantau harga bahan pokok di pasar secara berkala. Informasi harga "
            "dapat dilihat melalui Sistem Informasi Ketersediaan dan Perkembangan Harga Bahan Pokok "
            "(Siskaperbapo) milik Pemerintah Provinsi Jawa Timur serta Panel Harga Badan Pangan "
            "Nasional. Jika menemukan kenaikan harga yang tidak wajar atau kelangkaan barang kebutuhan "
            "pokok, laporkan melalui Sambat Bunda dengan menyebutkan nama pasar, jenis barang, dan "
            "harganya.</p>"
        ),
        "category": "Pertanian dan Perdagangan",
        "agency": "DISKOPINDAG",
        "keywords": "harga beras, harga cabai, harga sembako, harga pasar, bahan pokok, harga naik, minyak goreng, harga telur",
    },
    {
        "slug": "tera-ulang-timbangan",
        "question": "Bagaimana cara melakukan tera ulang timbangan dagang?",
        "answer": (
            "<p>Timbangan dan alat ukur yang dipakai dalam transaksi perdagangan wajib ditera ulang "
            "secara berkala, umumnya setahun sekali, sesuai ketentuan metrologi legal. Tera ulang "
            "dilayani oleh unit metrologi legal pada dinas yang membidangi perdagangan, baik di kantor "
            "maupun melalui layanan di pasar sesuai jadwal. Alat yang lulus diberi tanda tera yang sah. "
            "Jadwal dan biayanya dapat berubah; cek pengumuman resmi unit metrologi legal. Timbangan "
            "pedagang yang diduga curang dapat dilaporkan melalui Sambat Bunda.</p>"
        ),
        "category": "Pertanian dan Perdagangan",
        "agency": "DISKOPINDAG",
        "keywords": "tera ulang, timbangan, metrologi, kalibrasi, timbangan curang, alat ukur, takaran",
    },
]


PARAPHRASES = [
    # Layanan Sambat Bunda
    {"text": "gmn caranya ngadu lwt wa min?", "slug": "cara-menyampaikan-aduan"},
    {"text": "mau lapor keluhan kemana ya", "slug": "cara-menyampaikan-aduan"},
    {"text": "sambat bunda itu nomernya brp", "slug": "cara-menyampaikan-aduan"},
    {"text": "kalo mo komplen ke pemkab lwt apa", "slug": "cara-menyampaikan-aduan"},
    {"text": "bisa lapor lewat web gk? sy gk pake wa", "slug": "aduan-melalui-laman"},
    {"text": "sambatbunda.id itu bisa buat chat ya", "slug": "aduan-melalui-laman"},
    {"text": "no aduan sy 0412 gmn cek nya", "slug": "cek-status-aduan"},
    {"text": "cara cek laporan yg kmrn gmn", "slug": "cek-status-aduan"},
    {"text": "laporan sy udh sampe mana ya min", "slug": "cek-status-aduan"},
    {"text": "abis lapor trus diapain min", "slug": "tindak-lanjut-aduan"},
    {"text": "laporan sy bakal diterusin ke dinas gk sih", "slug": "tindak-lanjut-aduan"},
    {"text": "kalo lapor nama sy dirahasiain gk? takut", "slug": "kerahasiaan-pelapor"},
    {"text": "bisa lapor tanpa nama gk", "slug": "kerahasiaan-pelapor"},
    {"text": "mau ngadu soal tetangga tp takut ketauan, aman gk", "slug": "kerahasiaan-pelapor"},
    {"text": "ada aturan gk kalo mau ngadu", "slug": "etika-menyampaikan-aduan"},
    {"text": "boleh gak ngadu pake kata2 kasar wkwk", "slug": "etika-menyampaikan-aduan"},
    {"text": "min wa nya buka jam brp", "slug": "jam-layanan-sambat-bunda"},
    {"text": "kalo chat malem2 dibales gk", "slug": "jam-layanan-sambat-bunda"},
    {"text": "hari minggu admin sambat bunda libur ya", "slug": "jam-layanan-sambat-bunda"},
    {"text": "ada kebakaran bisa lapor ke sini gk min", "slug": "aduan-keadaan-darurat"},
    {"text": "kalo darurat bisa wa kesini?", "slug": "aduan-keadaan-darurat"},
    {"text": "biar laporan cepet diproses hrs ngasih data apa aja", "slug": "kelengkapan-aduan"},
    {"text": "perlu kirim foto gk pas ngadu", "slug": "kelengkapan-aduan"},
    {"text": "mau minta data apbd lumajang caranya gmn", "slug": "permohonan-informasi-publik"},
    {"text": "ppid pemkab dmn ya mau minta dokumen", "slug": "permohonan-informasi-publik"},
    # Kependudukan
    {"text": "bikin ktp bayar gk sih", "slug": "biaya-dokumen-kependudukan"},
    {
        "text": "di kecamatan dimintai uang 50rb buat urus akta, emg bayar ya?",
        "slug": "biaya-dokumen-kependudukan",
    },
    {"text": "anak sy udh 17 thn mau bikin ktp gmn", "slug": "ktp-el-baru"},
    {"text": "rekam e-ktp dmn ya", "slug": "ktp-el-baru"},
    {"text": "ktp ilang pas di pasar, ngurusnya gmn", "slug": "ktp-el-hilang"},
    {"text": "dompet sy dicopet ktp ikut ilang, hrs ke polsek dulu gk", "slug": "ktp-el-hilang"},
    {"text": "ktp sy patah jd 2 bs diganti gk", "slug": "ktp-el-rusak"},
    {"text": "ktp udh burem tulisannya gk kebaca", "slug": "ktp-el-rusak"},
    {"text": "br nikah bulan kmrn mau bikin kk sendiri gmn", "slug": "kk-baru-setelah-menikah"},
    {"text": "syarat kk baru habis nikah apa aja", "slug": "kk-baru-setelah-menikah"},
    {"text": "anak sy baru lahir gmn masukin ke kk", "slug": "kk-tambah-anggota"},
    {"text": "ponakan mau numpang kk sy bisa gk", "slug": "kk-tambah-anggota"},
    {"text": "mau pecah kk dr ortu syaratnya apa", "slug": "kk-pisah"},
    {"text": "pisah kk sama mertua gmn caranya", "slug": "kk-pisah"},
    {"text": "bikin akte lahir anak syaratnya apa", "slug": "akta-kelahiran"},
    {"text": "akta kelahiran telat ngurus udh 2 thn gpp?", "slug": "akta-kelahiran"},
    {"text": "gk punya buku nikah bisa bikin akte anak gk", "slug": "akta-kelahiran"},
    {"text": "bapak sy meninggal, ngurus akte kematian gmn", "slug": "akta-kematian"},
    {"text": "surat kematian ngurusnya dmn ya", "slug": "akta-kematian"},
    {"text": "mau pindah ke surabaya, surat pindahnya ngurus dmn", "slug": "surat-pindah-keluar"},
    {"text": "cara bikin skpwni", "slug": "surat-pindah-keluar"},
    {
        "text": "sy baru pindah dr jember, mau bikin kk baru di lumajang gmn ya",
        "slug": "pindah-datang-ke-lumajang",
    },
    {"text": "pindahan dr luar kota ktp nya gmn", "slug": "pindah-datang-ke-lumajang"},
    {"text": "cara aktifin ktp digital gmn", "slug": "aktivasi-ikd"},
    {"text": "aplikasi ikd gk bisa aktif hrs ke dukcapil ya", "slug": "aktivasi-ikd"},
    {"text": "ktp anak bikinnya gmn", "slug": "kartu-identitas-anak"},
    {"text": "kia buat anak 3 thn perlu foto gk", "slug": "kartu-identitas-anak"},
    {"text": "nama di kk salah ketik gmn benerinnya", "slug": "perbaikan-data-kependudukan"},
    {"text": "tgl lahir di ktp beda sm ijazah", "slug": "perbaikan-data-kependudukan"},
    # Kesehatan
    {"text": "pengen bpjs gratis dr pemerintah daftarnya dmn", "slug": "daftar-bpjs-pbi"},
    {"text": "gk mampu bayar iuran bpjs, bisa dibayarin pemda gk", "slug": "daftar-bpjs-pbi"},
    {"text": "kis sy mati pas mau berobat gmn", "slug": "kis-nonaktif"},
    {"text": "bpjs pbi tiba2 nonaktif piye iki", "slug": "kis-nonaktif"},
    {"text": "puskesmas bisa periksa gigi gk", "slug": "layanan-puskesmas"},
    {"text": "berobat di puskesmas pake bpjs bayar gk", "slug": "layanan-puskesmas"},
    {"text": "vaksin bayi gratis dmn", "slug": "imunisasi-anak"},
    {"text": "anak sy telat imunisasi campak gmn", "slug": "imunisasi-anak"},
    {"text": "mau periksa di rsud haryoto hrs bawa rujukan gk", "slug": "rawat-jalan-rsud-haryoto"},
    {"text": "daftar poli rs haryoto gmn", "slug": "rawat-jalan-rsud-haryoto"},
    {"text": "ugd rsud buka 24 jam kan", "slug": "igd-rsud-haryoto"},
    {"text": "ke igd hrs pake rujukan puskesmas ga", "slug": "igd-rsud-haryoto"},
    {"text": "nomer ambulans lumajang brp", "slug": "ambulans-gawat-darurat"},
    {"text": "ada org pingsan di jalan telpon kmn", "slug": "ambulans-gawat-darurat"},
    # Pendidikan
    {"text": "ppdb smp negeri jalur zonasi masih ada gk", "slug": "spmb-sd-smp"},
    {"text": "daftar sd negeri anak sy syaratnya apa", "slug": "spmb-sd-smp"},
    {"text": "spmb smp jalurnya apa aja", "slug": "spmb-sd-smp"},
    {"text": "ppdb sma negeri lumajang daftar dmn", "slug": "spmb-sma-smk"},
    {"text": "daftar smk negeri itu lwt dinas kabupaten ya", "slug": "spmb-sma-smk"},
    {"text": "cara cek pip anak sy cair gk", "slug": "kip-pip"},
    {"text": "dana pip sd gmn daftarnya", "slug": "kip-pip"},
    {
        "text": "sekolah nyuruh beli seragam di koperasi mahal, wajib gk sih",
        "slug": "seragam-sekolah",
    },
    {"text": "seragam hrs beli di sekolah ya", "slug": "seragam-sekolah"},
    {"text": "smp negeri narik uang gedung boleh gk", "slug": "pungutan-sekolah"},
    {"text": "ambil rapor kok dimintai iuran komite", "slug": "pungutan-sekolah"},
    {"text": "ada beasiswa kuliah dr pemda gk", "slug": "info-beasiswa"},
    {"text": "ada yg nawarin beasiswa tp suruh transfer dulu, asli gk", "slug": "info-beasiswa"},
    # Pajak dan Retribusi
    {"text": "bayar pbb bisa lwt atm gk", "slug": "bayar-pbb-p2"},
    {"text": "pbb bayarnya dmn ya sppt udh dpt", "slug": "bayar-pbb-p2"},
    {"text": "pbb sy naik bnyk bs minta keringanan gk", "slug": "keringanan-pbb"},
    {"text": "ada pemutihan denda pbb gk thn ini", "slug": "keringanan-pbb"},
    {"text": "sppt masih atas nama pemilik lama gmn gantinya", "slug": "mutasi-sppt-pbb"},
    {"text": "tanah warisan mau balik nama pbb", "slug": "mutasi-sppt-pbb"},
    {"text": "beli tanah bayar pajak apa aja", "slug": "bphtb"},
    {"text": "bphtb itu brp persen", "slug": "bphtb"},
    {"text": "sy pedagang pasar ditarik retribusi tp gk dikasih karcis", "slug": "retribusi-pasar"},
    {"text": "sewa los pasar brp sebulan", "slug": "retribusi-pasar"},
    {"text": "bayar pajak motor dmn", "slug": "pajak-kendaraan-bermotor"},
    {"text": "perpanjang stnk tahunan di lumajang kmn", "slug": "pajak-kendaraan-bermotor"},
    # Perizinan
    {"text": "mau bangun rumah perlu imb gk", "slug": "pbg-izin-bangunan"},
    {"text": "ngurus pbg gmn caranya", "slug": "pbg-izin-bangunan"},
    {"text": "bikin nib gmn, bayar gk", "slug": "nib-oss"},
    {"text": "daftar oss susah, bisa dibantu dmn", "slug": "nib-oss"},
    {"text": "jualan gorengan dirumah perlu izin apa", "slug": "izin-usaha-mikro"},
    {"text": "usaha kecil2an perlu izin gk", "slug": "izin-usaha-mikro"},
    {"text": "siup sy udh mati perlu diperpanjang gk", "slug": "siup-diganti-nib"},
    {"text": "cara bikin siup skrg", "slug": "siup-diganti-nib"},
    {"text": "mau jual keripik perlu pirt, ngurusnya gmn", "slug": "izin-pirt"},
    {"text": "izin pirt buat kue kering", "slug": "izin-pirt"},
    # Sosial
    {"text": "cara daftar dtks biar dpt bansos", "slug": "daftar-dtsen"},
    {"text": "sy gk mampu tp gk pernah dpt bantuan, daftarnya gmn", "slug": "daftar-dtsen"},
    {"text": "cek nama penerima bansos dmn", "slug": "cek-bansos"},
    {"text": "gmn tau sy dpt bantuan atau gk", "slug": "cek-bansos"},
    {"text": "syarat dpt pkh apa aja", "slug": "pkh"},
    {"text": "lansia bisa dapet pkh gk", "slug": "pkh"},
    {"text": "blt dana desa itu siapa yg nentuin", "slug": "blt"},
    {"text": "dapet blt gmn caranya", "slug": "blt"},
    {
        "text": "rumah sy udh mau roboh, ada bantuan bedah rumah gk",
        "slug": "rumah-tidak-layak-huni",
    },
    {"text": "ngajuin rtlh lwt siapa", "slug": "rumah-tidak-layak-huni"},
    # Infrastruktur dan Lingkungan
    {"text": "lampu jalan depan rumah mati udh sebulan", "slug": "pju-mati"},
    {"text": "pju mati lapor kmn", "slug": "pju-mati"},
    {"text": "jalan ke desa sy rusak parah bnyk lubang", "slug": "jalan-rusak"},
    {"text": "jalan provinsi rusak bs lapor kesini gk", "slug": "jalan-rusak"},
    {"text": "sampah di tps blm diangkut seminggu bau bgt", "slug": "sampah-tps"},
    {"text": "truk sampah gk lewat2", "slug": "sampah-tps"},
    {"text": "mau bikin bank sampah di rt gmn", "slug": "bank-sampah"},
    {"text": "nabung sampah plastik dmn", "slug": "bank-sampah"},
    {"text": "got depan rumah mampet tiap hujan luber", "slug": "saluran-drainase-tersumbat"},
    {"text": "selokan buntu lapor siapa", "slug": "saluran-drainase-tersumbat"},
    {"text": "saluran irigasi ke sawah jebol", "slug": "irigasi-rusak"},
    {"text": "air sawah gk ngalir krn pintu air rusak", "slug": "irigasi-rusak"},
    {"text": "pasang pdam baru biayanya brp", "slug": "pdam-sambungan-baru"},
    {"text": "mau pasang air pdam di rumah baru", "slug": "pdam-sambungan-baru"},
    {"text": "air pdam mati dr pagi", "slug": "pdam-air-mati"},
    {"text": "banyu pdam keruh coklat opo wes diperbaiki", "slug": "pdam-air-mati"},
    # Bencana
    {"text": "persiapan kalo semeru meletus apa aja", "slug": "siaga-erupsi-semeru"},
    {"text": "isi tas siaga bencana apa", "slug": "siaga-erupsi-semeru"},
    {"text": "status semeru skrg level brp", "slug": "status-semeru"},
    {"text": "semeru aman gk hari ini", "slug": "status-semeru"},
    {"text": "lahar dingin besuk kobokan bahaya gk, hrs ngungsi?", "slug": "lahar-dingin-evakuasi"},
    {"text": "ada sirine bunyi hrs kmn", "slug": "lahar-dingin-evakuasi"},
    {"text": "ada longsor di desa lapor bpbd gmn", "slug": "lapor-kejadian-bencana"},
    {"text": "rumah kena puting beliung lapor kmn", "slug": "lapor-kejadian-bencana"},
    {"text": "air masuk rumah hrs ngapain dulu", "slug": "banjir-permukiman"},
    {"text": "kebanjiran min tolong hrs gmn", "slug": "banjir-permukiman"},
    {"text": "ada pohon tumbang nutup jalan", "slug": "pohon-tumbang"},
    {"text": "pohon besar depan sekolah udh miring takut roboh", "slug": "pohon-tumbang"},
    # Pertanian dan Perdagangan
    {"text": "pupuk subsidi langka di kios", "slug": "pupuk-subsidi"},
    {"text": "nebus pupuk pake ktp bisa gk", "slug": "pupuk-subsidi"},
    {"text": "kios jual urea diatas het", "slug": "pupuk-subsidi"},
    {"text": "sy petani baru blm masuk rdkk gmn", "slug": "daftar-e-rdkk"},
    {"text": "cara daftar kartu tani", "slug": "daftar-e-rdkk"},
    {"text": "harga gas melon resmi brp", "slug": "lpg-3-kg-het"},
    {"text": "elpiji 3kg beli hrs pake ktp ya", "slug": "lpg-3-kg-het"},
    {"text": "pangkalan gas 3kg terdekat dmn", "slug": "pangkalan-lpg"},
    {"text": "gas melon kosong dmn2 nyari dmn", "slug": "pangkalan-lpg"},
    {"text": "harga cabe di pasar hari ini brp", "slug": "harga-bahan-pokok"},
    {"text": "cek harga sembako lumajang dmn", "slug": "harga-bahan-pokok"},
    {"text": "timbangan pedagang curang lapor kmn", "slug": "tera-ulang-timbangan"},
    {"text": "tera ulang timbangan dmn", "slug": "tera-ulang-timbangan"},
]


OFF_TOPIC = [
    # jelas di luar cakupan
    "jadwal pertandingan persela lamongan kapan ya",
    "skor persebaya tadi malem brp",
    "jadwal liga inggris malam ini",
    "resep rawon enak gmn",
    "cara bikin brownies kukus",
    "cuaca jakarta besok hujan gk",
    "harga bitcoin hari ini brp",
    "kurs dolar ke rupiah hari ini",
    "siapa pacar baru artis korea itu",
    "lirik lagu dangdut terbaru yg viral",
    "film bioskop yg bagus minggu ini apa",
    "rekomendasi hp 2 jutaan kamera bagus",
    "cara main mobile legend biar menang terus",
    "kapan reshuffle kabinet presiden",
    "hasil pemilu amerika siapa menang",
    "cara download video tiktok tanpa watermark",
    "ramalan zodiak hari ini",
    "tiket konser di jakarta brp",
    # mendekati tetapi tidak tercakup (tentang Lumajang)
    "kapan festival jaranan digelar",
    "tiket masuk air terjun tumpak sewu brp",
    "pendakian semeru udh dibuka blm",
    "ranu kumbolo boleh camping gk",
    "lowongan kerja di lumajang ada gk",
    "pendaftaran cpns pemkab lumajang kapan",
    "hari jadi lumajang tanggal brp",
    "oleh2 khas lumajang apa aja",
    "jadwal sim keliling lumajang",
    "jadwal bus lumajang ke surabaya",
]
