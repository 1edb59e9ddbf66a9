# Kabar perkembangan (tindak lanjut) untuk aduan contoh, menurut jenis aduan: yang sedang
# dikerjakan, bukan hasil akhirnya (hasil akhir ada di "resolution" setiap aduan).
# {opd} nama OPD, {lokasi} lokasi aduan, {tinjau} tanggal kabar ini, {batas} batas waktu
# tindak lanjut; teks yang memuat {batas} hanya dipakai selama batas itu belum lewat.

PROGRESS = {
    "urgent": [
        "Tim {opd} sudah turun ke {lokasi} sejak {tinjau} dan penanganan darurat sedang berlangsung. Perkembangan berikutnya kami sampaikan setelah penanganan selesai.",
        "Petugas {opd} berada di {lokasi} pada {tinjau} untuk penanganan awal; koordinasi dengan perangkat desa dan instansi terkait masih berjalan.",
        "Penanganan awal di {lokasi} sudah dimulai pada {tinjau}. Kami masih menunggu hasil pemeriksaan lanjutan sebelum aduan dinyatakan selesai.",
        "Aduan ini kami tangani sebagai prioritas: pada {tinjau} tim {opd} mulai bekerja di lapangan dan memantau kondisi secara langsung, paling lambat selesai {batas}.",
    ],
    "field_inspection": [
        "Tim {opd} telah meninjau {lokasi} pada {tinjau}. Hasil peninjauan sedang kami susun bersama rencana penanganannya, yang ditargetkan selesai paling lambat {batas}.",
        "Peninjauan lapangan ke {lokasi} dilaksanakan pada {tinjau}; pengukuran dan dokumentasi sudah diambil, dan penanganannya sedang dijadwalkan.",
        "Petugas {opd} sudah mendatangi {lokasi} pada {tinjau} dan mencatat kondisi di lapangan. Penanganan menunggu ketersediaan tenaga dan bahan; perkembangannya akan kami kabarkan.",
        "Lokasi yang dilaporkan sudah kami periksa pada {tinjau}. Saat ini {opd} berkoordinasi dengan pemerintah desa/kelurahan setempat untuk menentukan langkah perbaikan.",
        "Survei lapangan di {lokasi} telah dilakukan pada {tinjau}. Kami sedang menghitung kebutuhan penanganan; sesuai ketentuan, tindak lanjut selesai paling lambat {batas}.",
    ],
    "normal": [
        "Aduan ini sedang kami proses. Pada {tinjau} {opd} mulai berkoordinasi dengan pihak terkait di {lokasi}, dan hasilnya kami sampaikan paling lambat {batas}.",
        "Petugas {opd} telah memeriksa laporan ini pada {tinjau} dan meminta keterangan dari pihak terkait. Tindak lanjut masih berjalan.",
        "Kami sudah menghubungi pihak-pihak terkait pada {tinjau}. Langkah penanganan sedang disiapkan dan akan kami kabarkan setelah dilaksanakan.",
        "Pemeriksaan awal oleh {opd} dilakukan pada {tinjau}. Kami masih menunggu konfirmasi dari pihak terkait sebelum aduan dapat diselesaikan.",
        "Aduan telah dibahas dalam rapat koordinasi {opd} pada {tinjau}; petugas sudah ditugaskan menindaklanjutinya di {lokasi}.",
    ],
    "information": [
        "Pertanyaan ini sedang kami konfirmasikan ke bidang terkait di {opd} sejak {tinjau}. Jawaban lengkap kami kirimkan paling lambat {batas}.",
        "Kami sedang menghimpun ketentuan dan persyaratan yang berlaku; pada {tinjau} {opd} meminta keterangan dari unit teknis terkait.",
        "Informasi yang ditanyakan masih kami cocokkan dengan peraturan dan data terbaru per {tinjau}. Mohon menunggu kabar berikutnya.",
        "Per {tinjau}, permintaan informasi ini sudah diteruskan ke pejabat yang menangani di {opd} dan jawabannya sedang disiapkan.",
    ],
    "no_inspection": [
        "Berkas dan data terkait aduan ini sedang kami periksa sejak {tinjau}. Hasil pemeriksaan kami sampaikan paling lambat {batas}.",
        "Pada {tinjau} {opd} mulai menelusuri data di sistem dan arsip layanan; penelusuran masih berjalan.",
        "Kami sudah meminta keterangan dari petugas layanan yang bersangkutan pada {tinjau}. Tindak lanjutnya sedang diproses.",
        "Permasalahan ini sudah kami teruskan ke bagian yang menangani pada {tinjau}, dan verifikasi data sedang dilakukan.",
    ],
}
