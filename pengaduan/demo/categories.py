"""Complaint categories of a regency (the Open311 services), each with its usual agency.

Drawn from what Lumajang's citizens complain about most (the demo complaints and the routing
examples): roads, street lights, water, waste, health, civil registration, schools, social
aid, permits, markets, disasters. An operator edits them under Data induk → Kategori aduan.
"""

CATEGORIES = [
    {
        "code": "jalan-rusak",
        "name": "Jalan dan jembatan rusak",
        "agency": "DPUTR",
        "keywords": "jalan berlubang, aspal, jembatan, gorong-gorong, drainase",
        "description": "Jalan kabupaten berlubang atau longsor, jembatan rusak, saluran tersumbat.",
        "attributes": [
            {
                "code": "jenis_jalan",
                "datatype": "singlevaluelist",
                "required": False,
                "order": 1,
                "description": "Jenis jalan",
                "values": [
                    {"key": "kabupaten", "name": "Jalan kabupaten"},
                    {"key": "desa", "name": "Jalan desa"},
                    {"key": "provinsi", "name": "Jalan provinsi / nasional"},
                ],
            },
            {
                "code": "panjang_kerusakan",
                "datatype": "number",
                "required": False,
                "order": 2,
                "description": "Perkiraan panjang kerusakan (meter)",
            },
        ],
    },
    {
        "code": "lampu-pju",
        "name": "Lampu penerangan jalan mati",
        "agency": "DISHUB",
        "keywords": "lampu jalan, PJU, penerangan, gelap",
        "description": "Lampu penerangan jalan umum (PJU) mati atau berkedip.",
        "attributes": [
            {
                "code": "jumlah_titik",
                "datatype": "number",
                "required": True,
                "order": 1,
                "description": "Jumlah tiang lampu yang mati",
            }
        ],
    },
    {
        "code": "air-bersih",
        "name": "Air bersih (PDAM)",
        "agency": "PDAM",
        "keywords": "PDAM, air mati, air keruh, pipa bocor",
        "description": "Air PDAM mati, keruh, tekanan lemah atau pipa bocor.",
    },
    {
        "code": "sampah",
        "name": "Sampah dan lingkungan",
        "agency": "DLH",
        "keywords": "sampah, TPS, bau, limbah, pencemaran",
        "description": "Sampah tidak diangkut, TPS liar, pencemaran dan limbah.",
    },
    {
        "code": "layanan-kesehatan",
        "name": "Layanan kesehatan",
        "agency": "DINKES",
        "keywords": "puskesmas, obat, bidan, posyandu, BPJS",
        "description": "Pelayanan puskesmas, posyandu, obat dan tenaga kesehatan.",
    },
    {
        "code": "rumah-sakit",
        "name": "Layanan RSUD",
        "agency": "RSUD",
        "keywords": "rumah sakit, RSUD, IGD, rawat inap",
        "description": "Pelayanan di RSUD dr. Haryoto.",
    },
    {
        "code": "adminduk",
        "name": "KTP-el, KK dan akta",
        "agency": "DISPENDUKCAPIL",
        "keywords": "KTP, KK, akta kelahiran, NIK, pindah domisili",
        "description": "Pengurusan dokumen kependudukan dan pencatatan sipil.",
    },
    {
        "code": "pendidikan",
        "name": "Sekolah dan pendidikan",
        "agency": "DISDIK",
        "keywords": "sekolah, guru, PPDB, pungutan, seragam",
        "description": "SD/SMP negeri, PPDB, pungutan sekolah, guru.",
    },
    {
        "code": "bantuan-sosial",
        "name": "Bantuan sosial",
        "agency": "DINSOS",
        "keywords": "bansos, PKH, BPNT, DTKS, disabilitas",
        "description": "Bantuan sosial, DTKS, perlindungan perempuan dan anak.",
    },
    {
        "code": "perizinan",
        "name": "Perizinan",
        "agency": "DPMPTSP",
        "keywords": "izin, PBG, NIB, OSS, usaha",
        "description": "Perizinan berusaha dan bangunan (PBG), mal pelayanan publik.",
    },
    {
        "code": "pasar",
        "name": "Pasar dan harga",
        "agency": "DISKOPINDAG",
        "keywords": "pasar, pedagang, harga, timbangan, LPG",
        "description": "Pasar tradisional, harga bahan pokok, tera timbangan.",
    },
    {
        "code": "ketertiban",
        "name": "Ketertiban umum",
        "agency": "SATPOLPP",
        "keywords": "PKL, reklame liar, bangunan liar, ketertiban",
        "description": "Pedagang kaki lima, reklame liar, pelanggaran Perda.",
    },
    {
        "code": "bencana",
        "name": "Bencana",
        "agency": "BPBD",
        "keywords": "banjir, longsor, erupsi, Semeru, lahar",
        "description": "Banjir, tanah longsor, erupsi Semeru dan lahar dingin.",
    },
    {
        "code": "lainnya",
        "name": "Lainnya",
        "agency": "",
        "keywords": "",
        "description": "Aduan lain; Admin Pengaduan menentukan OPD yang berwenang.",
    },
]
