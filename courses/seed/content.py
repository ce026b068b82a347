"""The seeded lessons, as plain data in the lesson block schema.

Every fact here comes from the project's content fact sheet (/work/shared/content-facts.md); each lesson's
`sources` lists the fact-sheet source keys it used, and SOURCES below copies those entries (title, publisher,
address) as the sheet gives them. Items the sheet marks [unverified] are left out. Scam messages are the
sheet's own quiz seeds: their names, numbers and domains were invented by the sheet's authors as examples.

Pictures are named by key (see courses.seed.pictures.SCREENS); the `demo_lessons` command swaps each key for
the Wagtail image it draws.
"""

# key: (title, publisher, address) — copied from the fact sheet's Sources section.
SOURCES = {
    "M-a": (
        "Xóa mù về chuyển đổi số là nhiệm vụ cấp bách",
        "Dân trí",
        "https://dantri.com.vn/xa-hoi/thu-tuong-xoa-mu-ve-chuyen-doi-so-la-nhiem-vu-cap-bach-20250326184341110.htm",
    ),
    "M-b": (
        "Phát động phong trào và ra mắt nền tảng BDHVS",
        "CAND",
        "https://congan.com.vn/tin-chinh/phat-dong-phong-trao-va-ra-mat-nen-tang-binh-dan-hoc-vu-so_175720.html",
    ),
    "M-c": (
        "Mỗi công dân một danh tính số",
        "Tỉnh ủy Đắk Nông",
        "http://tinhuy.daknong.gov.vn/tin-tuc/moi-cong-dan-mot-danh-tinh-so-10426.html",
    ),
    "M-d": (
        "Kế hoạch 01-KH/BCĐTW",
        "Hệ Thống Pháp Luật",
        "https://www.hethongphapluat.vn/ke-hoach-01-kh-bcdtw-nam-2025-trien-khai-phong-trao-binh-dan-hoc-vu-so-do-ban"
        "-chi-dao-trung-uong-ve-phat-trien-khoa-hoc-cong-nghe-doi-moi-sang-tao-va-chuyen-doi-so-ban-hanh.html",
    ),
    "M-e": (
        "Lan tỏa phong trào BDHVS",
        "Báo Mới",
        "https://lite.baomoi.com/lan-toa-phong-trao-binh-dan-hoc-vu-so-c51916859.epi",
    ),
    "M-h": (
        "Tuyên Quang plan",
        "vietnam.vn",
        "https://www.vietnam.vn/en/tuyen-quang-huong-toi-xay-dung-xa-hoi-so-toan-dan-khong-ai-bi-bo-lai-phia-sau",
    ),
    "M-i": (
        "Ninh Bình launch",
        "vietnam.vn",
        "https://www.vietnam.vn/en/ninh-binh-hanh-dong-vi-mot-xa-hoi-so-toan-dan-hoc-tap",
    ),
    "M-j": (
        "Tây Ninh triển khai phong trào BDHVS",
        "SGGP",
        "https://www.sggp.org.vn/tay-ninh-trien-khai-phong-trao-binh-dan-hoc-vu-so-post807201.html",
    ),
    "M-k": (
        "Tổng Bí thư: BDHVS gắn với thi đua khen thưởng",
        "PLO",
        "https://plo.vn/tong-bi-thu-chuong-trinh-binh-dan-hoc-vu-so-gan-voi-thi-dua-khen-thuong-hang-nam-post870282.html",
    ),
    "M-l": (
        "HCMC launches the movement",
        "vietnam.vn",
        "https://www.vietnam.vn/en/tp-ho-chi-minh-phat-dong-phong-trao-binh-dan-hoc-vu-so-cho-moi-nguoi-dan",
    ),
    "M-m": (
        "Nền tảng BDHVS",
        "Cựu Chiến Binh",
        "https://cuuchienbinh.vn/nen-tang-binh-dan-hoc-vu-so-xay-dung-va-phat-trien-he-sinh-thai-cong-dan-so",
    ),
    "V1": (
        "Tính năng hữu ích trên VNeID",
        "Dân trí",
        "https://dantri.com.vn/suc-manh-so/nhung-tinh-nang-thiet-thuc-va-huu-ich-tren-ung-dung-vneid-20250104005410953.htm",
    ),
    "V2": (
        "Tài khoản định danh theo NĐ 69/2024",
        "VietJack",
        "https://vietjack.me/tin-phap-luat/quy-dinh-su-dung-tai-khoan-dinh-danh-dien-tu-theo-nghi-dinh-69-2024-nd-3789",
    ),
    "V3": (
        "NĐ 69/2024 có hiệu lực từ ngày nào",
        "Thư viện Pháp luật",
        "https://thuvienphapluat.vn/hoi-dap-phap-luat/83A4207-hd-nghi-dinh-692024ndcp-co-hieu-luc-thi-hanh-tu-ngay-nao.html",
    ),
    "V4": (
        "Dùng tài khoản định danh thay CCCD",
        "Nghệ An 24h",
        "http://nghean24h.vn/tu-hom-nay-duoc-dung-tai-khoan-dinh-danh-dien-tu-thay-can-cuoc-cong-dan-a682292.html",
    ),
    "V5": (
        "Giấy tờ tích hợp trên VNeID",
        "Nghệ An 24h",
        "https://nghean24h.vn/day-la-nhung-loai-giay-to-co-the-tich-hop-tren-vneid-a758648.html",
    ),
    "V6": (
        "VNeID thay thế giấy tờ",
        "CafeF",
        "https://cafef.vn/yen-tam-cat-ban-cung-o-nha-vneid-hien-co-the-thay-the-loat-giay-to-quan-trong-sau-nguoi-dan"
        "-can-biet-keo-mat-nhieu-quyen-loi-188250811101757334.chn",
    ),
    "V7": (
        "6 thay đổi mới nhất trên VNeID",
        "",
        "https://giaitri.thoibaovhnt.com.vn/6-thay-doi-moi-nhat-tren-vneid-nguoi-dan-chu-y-keo-mat-quyen-loi-quan-trong"
        "-903230.html",
    ),
    "V8": (
        "Đổi số điện thoại VNeID",
        "PLO",
        "https://plo.vn/ky-nguyen-so/2-cach-thay-doi-so-dien-thoai-dang-ky-ung-dung-vneid-moi-nhat-post832648.html",
    ),
    "V9": (
        "Định danh mức 1 và mức 2",
        "Hoa Học Trò",
        "https://hoahoctro.tienphong.vn/4-diem-khac-biet-giua-tai-khoan-dinh-danh-dien-tu-muc-do-1-voi-tai-khoan-muc-do"
        "-2-post1543700.tpo",
    ),
    "V10": (
        "Cảnh giác người lạ kích hoạt dùm định danh mức 2",
        "SGGP",
        "https://www.sggp.org.vn/canh-giac-voi-nguoi-la-goi-dien-kich-hoat-dum-dinh-danh-dien-tu-muc-2-post705431.html",
    ),
    "V11": (
        "Bộ Công an khuyến cáo 4 điều",
        "CafeF",
        "https://cafef.vn/bo-cong-an-khuyen-cao-4-dieu-nguoi-dan-can-luu-y-de-tranh-bi-chiem-doat-tai-khoan-ngan-hang"
        "-188240208104440651.chn",
    ),
    "V12": (
        "Chiêu lừa dấu tay bị mờ, định danh mức 3",
        "PLO",
        "https://plo.vn/cong-an-canh-bao-chieu-lua-thong-bao-dau-tay-bi-mo-cai-dinh-danh-dien-tu-muc-3-post793088.html",
    ),
    "V13": (
        "Tra cứu website lừa đảo trên VNeID",
        "SGGP",
        "https://www.sggp.org.vn/co-the-tra-cuu-cac-website-lua-dao-tren-vneid-post779336.html",
    ),
    "V14": (
        "Giới thiệu Luật căn cước",
        "Huyện Đắk Glei",
        "https://huyendakglei.kontum.gov.vn/thong-tin-tuyen-truyen/Gioi-thieu-Luat-can-cuoc-4763",
    ),
    "V15": (
        "Những điểm mới của Luật Căn cước",
        "Báo Bắc Kạn",
        "https://m.baobackan.vn/nhung-diem-moi-cua-luat-can-cuoc-post64131.html",
    ),
    "D1": (
        "Nộp hồ sơ trên Cổng DVCQG",
        "Sở Tài chính Đồng Nai",
        "https://stc.dongnai.gov.vn/Pages/newsdetail.aspx?CatId=98&NewsId=2058",
    ),
    "D2": (
        "Một cổng dịch vụ công toàn quốc từ 1/7",
        "",
        "https://dientuungdung.vn/viet-nam-trien-khai-mo-hinh-mot-cong-dich-vu-cong-toan-quoc-tu-17-9585.html",
    ),
    "D3": (
        "Đăng ký thường trú cho trẻ mới sinh",
        "Thanh Niên",
        "https://thanhnien.vn/dang-ky-thuong-tru-cho-tre-moi-sinh-nhu-the-nao-185250909092838193.htm",
    ),
    "D4": (
        "Khai sinh, thường trú, BHYT online cho trẻ dưới 6 tuổi",
        "CAND",
        "https://amp.cand.com.vn/su-kien-binh-luan-thoi-su/huong-dan-dang-ky-khai-sinh-dang-ky-thuong-tru-cap-the-bhyt"
        "-online-cho-tre-duoi-6-tuoi-i734441",
    ),
    "D5": (
        "Thanh toán trực tuyến",
        "DVC Bình Dương",
        "https://dichvucong.binhduong.gov.vn/Huong-dan/9-Thanh-toan-truc-tuyen",
    ),
    "G1": (
        "Đăng ký chứng thư chữ ký số trên VNeID",
        "Thanh Niên",
        "https://thanhnien.vn/huong-dan-nguoi-dan-dang-ky-su-dung-chung-thu-chu-ky-so-tren-vneid-185250603095621083.htm",
    ),
    "G2": (
        "So sánh NĐ 23/2025 với NĐ 130/2018",
        "LuatVietnam",
        "https://luatvietnam.vn/linh-vuc-khac/so-sanh-nghi-dinh-23-2025-voi-nghi-dinh-130-2018-ve-chu-ky-dien-tu-va-dich"
        "-vu-tin-cay-883-101580-article.html",
    ),
    "G4": (
        "Luật Giao dịch điện tử 2023",
        "LMP",
        "https://lmp-lawyers.com/luat-giao-dich-dien-tu-2023-mot-so-quy-dinh-moi-dang-chu-y/",
    ),
    "G5": (
        "More than 12.4 million adults use digital signatures",
        "",
        "https://vietnamhoinhap.vn/en/more-than-12-4-million-vietnamese-adults-now-use-digital-signatures-50475.htm",
    ),
    "G7": ("Thủ tục đăng ký chữ ký số", "SmartSign (vendor)", "https://smartsign.com.vn/ho-tro/chu-ky-so"),
    "L1": (
        "Luật An ninh mạng số 24/2018/QH14",
        "Huyện Cẩm Xuyên",
        "http://camxuyen.hatinh.gov.vn/?act=3202/DANH-MUC-THONG-TIN/Pho-bien-giao-duc-phap-luat/Luat-An-ninh-mang"
        "-Luat-so-24/2018/QH14/",
    ),
    "L2": (
        "Những hành vi bị cấm trên mạng",
        "Kiến Thức",
        "https://kienthuc.net.vn/xa-hoi/nhung-hanh-vi-nao-bi-cam-tren-mang-tu-hom-nay-1166397.html",
    ),
    "L3": (
        "Luật An ninh mạng 2025",
        "Kiến Thức",
        "https://kienthuc.net.vn/ngan-chan-cac-hanh-vi-xam-pham-du-lieu-tu-luat-an-ninh-mang-2025-post1595551.html",
    ),
    "L4": (
        "Quốc hội thông qua Luật An ninh mạng",
        "Báo Thanh Hóa",
        "https://baothanhhoa.vn/quoc-hoi-thong-qua-luat-an-ninh-mang-va-cac-luat-ve-an-ninh-quoc-phong-271344.htm",
    ),
    "L5": (
        "Luật An ninh mạng bổ sung quy định về AI",
        "VTC",
        "https://vtcnews.vn/quoc-hoi-thong-qua-luat-an-ninh-mang-bo-sung-quy-dinh-ve-su-dung-ai-ar992208.html",
    ),
    "L6": (
        "Bộ Công an quản lý định danh địa chỉ IP",
        "VietNamNet",
        "https://vietnamnet.vn/bo-cong-an-quan-ly-dinh-danh-dia-chi-ip-xac-thuc-thong-tin-dang-ky-tai-khoan-so-2471179.html",
    ),
    "L7": (
        "Nhiều điểm mới tại Luật An ninh mạng 2025",
        "PLO",
        "https://plo.vn/nhieu-diem-moi-tai-luat-an-ninh-mang-2025-post886042.html",
    ),
    "L9": (
        "Thông tin quan trọng về dữ liệu cá nhân",
        "Soha",
        "https://soha.vn/nhung-thong-tin-quan-trong-ve-du-lieu-ca-nhan-ma-moi-nguoi-dan-can-luu-y-198250807152053871.htm",
    ),
    "L10": (
        "Mua bán dữ liệu cá nhân phạt gấp 10 lần",
        "Doanh nhân Công lý",
        "https://doanhnhan.congly.vn/print/483792.html",
    ),
    "L12": (
        "Mạng xã hội không được nghe lén, đọc tin nhắn",
        "PLO",
        "https://plo.vn/tu-1-1-2026-mang-xa-hoi-khong-duoc-nghe-len-doc-tin-nhan-cua-nguoi-dung-post888871.html",
    ),
    "L14": (
        "NĐ 13/2023 hết hiệu lực từ 01/01/2026",
        "Thư viện Pháp luật",
        "http://tintuc.thuvienphapluat.com/ho-tro-phap-luat/chinh-sach-moi/102230/nghi-dinh-13-2023-nd-cp-ve-bao-ve-du"
        "-lieu-ca-nhan-het-hieu-luc-tu-01-01-2026",
    ),
    "L15": (
        "11 quyền của chủ thể dữ liệu",
        "VietTimes",
        "https://viettimes.vn/11-quyen-cua-chu-the-du-lieu-trong-viec-bao-ve-du-lieu-ca-nhan-ap-dung-tu-hom-nay-17"
        "-post167981.html",
    ),
    "L17": (
        "Điều 290 BLHS",
        "Luật Vĩnh An",
        "https://luatvinhan.vn/toi-su-dung-mang-may-tinh-mang-vien-thong-phuong-tien-dien-tu-thuc-hien-hanh-vi-chiem"
        "-doat-tai-san-theo-bo-luat-hinh-su-2015/",
    ),
    "L19": (
        "Bộ Công an thực thi bảo đảm an toàn thông tin mạng",
        "VnExpress",
        "https://vnexpress.net/bo-cong-an-thuc-thi-bao-dam-an-toan-thong-tin-mang-tu-ngay-mai-4855294.html",
    ),
    "L20": (
        "Cấm nghe lén, ghi âm cuộc đàm thoại trên không gian mạng",
        "Thanh Niên",
        "https://thanhnien.vn/cam-nghe-len-ghi-am-cuoc-dam-thoai-tren-khong-gian-mang-18525121011582924.htm",
    ),
    "C1": (
        "24 chiêu thức lừa đảo qua không gian mạng",
        "GĐ&XH",
        "https://giadinh.suckhoedoisong.vn/nen-biet-24-chieu-thuc-lua-dao-qua-khong-gian-mang-pho-bien-nhat-hien-nay-de"
        "-tranh-mat-tien-oan-17223072110562381.htm",
    ),
    "C2": ("Bộ Công an cảnh báo thủ đoạn", "Vietnam+ (reprint)", "https://tapchivietduc.vn/print-11886.html"),
    "C4": (
        "Bị lừa 'chứng minh tiền sạch'",
        "Dân Việt",
        "https://danviet.vn/bi-lua-chung-minh-tien-sach-thanh-nien-o-ha-noi-mat-30-cay-vang-d1378861.html",
    ),
    "C5": (
        "Giả danh công an, nam sinh mất hơn 7 tỷ",
        "Kiến Thức",
        "https://kienthuc.net.vn/nghe-cuoc-goi-gia-danh-cong-an-nam-sinh-mat-hon-7-ty-dong-post1550769.html",
    ),
    "C7": (
        "Mạo danh cơ quan Thuế",
        "Báo Gia Lai",
        "https://baogialai.com.vn/canh-bao-tinh-trang-mao-danh-co-quan-thue-de-lua-dao-chiem-doat-tai-san-post577521.html",
    ),
    "C8": (
        "Giấy mời giả cơ quan thuế",
        "PLO",
        "https://plo.vn/thu-doan-lua-dao-moi-gui-giay-moi-gia-co-quan-thue-den-doanh-nghiep-post881554.html",
    ),
    "C9": (
        "EVNSPC khuyến cáo cuộc gọi tự xưng điện lực",
        "VnExpress",
        "https://vnexpress.net/evnspc-khuyen-cao-can-trong-khi-nhan-cuoc-goi-tu-xung-nhan-vien-dien-luc-4945967.html",
    ),
    "C10": (
        "EVNHANOI khuyến cáo mạo danh ngành Điện",
        "VTC",
        "https://vtcnews.vn/evnhanoi-khuyen-cao-khach-hang-ve-thu-doan-mao-danh-nganh-dien-de-lua-dao-ar970391.html",
    ),
    "C11": (
        "Lừa đảo cài đặt sinh trắc học",
        "Soha",
        "https://soha.vn/nguoi-dan-canh-giac-voi-thu-doan-lua-dao-cai-dat-sinh-trac-hoc-198240710140903832.htm",
    ),
    "C12": (
        "Mạo danh ngân hàng hỗ trợ xác thực sinh trắc",
        "VnFinance",
        "https://vnfinance.vn/canh-giac-thu-doan-mao-danh-nhan-vien-ngan-hang-ho-tro-xac-thuc-sinh-trac-63044.html",
    ),
    "C13": (
        "Chuyển khoản trên 10 triệu phải sinh trắc học",
        "Tạp chí Tài chính",
        "https://tapchitaichinh.vn/tu-1-7-chuyen-khoan-tren-10-trieu-phai-xac-thuc-sinh-trac-hoc-qua-khuon-mat-hoac-van"
        "-tay.html",
    ),
    "C14": (
        "Thông tư 17, 18/2024 từ 1/1/2025",
        "GĐ&XH",
        "https://giadinh.suckhoedoisong.vn/hang-trieu-chu-tai-khoan-ngan-hang-can-luu-y-dieu-nay-neu-khong-muon-dung-giao"
        "-dich-tu-ngay-1-1-2025-172241108154342772.htm",
    ),
    "C15": (
        "Tin nhắn giả “khóa tài khoản” (BTS giả)",
        "Soha",
        "https://soha.vn/giat-minh-tin-nhan-khoa-tai-khoan-ngay-tet-cu-lua-tien-ty-chi-sau-mot-cu-cham-198260217083246368.htm",
    ),
    "C16": (
        "Lừa đảo liên kết ví Apple, Google",
        "VietNamNet",
        "https://vietnamnet.vn/ngan-hang-canh-bao-thu-doan-lua-dao-lien-ket-vi-apple-google-2490429.html",
    ),
    "C17": (
        "Lừa đảo làm nhiệm vụ nhận hoa hồng",
        "Kênh 14",
        "https://kenh14.vn/nhan-tin-mua-hang-qua-trang-y0dy-hang-chinh-hang-nguoi-phu-nu-duoc-facebook-dieu-huyen-tu-van"
        "-nhan-qua-khi-can-tien-tai-khoan-moi-vo-le-215250725133503447.chn",
    ),
    "C18": (
        "Giả mạo rạp phim tuyển CTV online",
        "Đại biểu Nhân dân",
        "https://daibieunhandan.vn/gia-mao-nhan-vien-rap-chieu-phim-tuyen-cong-tac-vien-online-post376597.html",
    ),
    "C19": (
        "18 triệu 'chơi thử' tiền ảo",
        "Thanh Niên",
        "https://thanhnien.vn/nguoi-phu-nu-o-ha-noi-duoc-toi-pham-chuyen-18-trieu-dong-choi-thu-tien-ao-185250810181625254.htm",
    ),
    "C20": (
        "Mất 600 triệu vì đầu tư tiền ảo",
        "Dân trí",
        "https://dantri.com.vn/phap-luat/mot-phu-nu-mat-600-trieu-dong-vi-sap-bay-dau-tu-tien-ao-tren-mang"
        "-20250112093113157.htm",
    ),
    "C21": (
        "Cảnh báo thủ đoạn (Deepfake)",
        "Công an xã Cẩm Lạc",
        "https://camlac.camxuyen.hatinh.gov.vn/portal/pages/2024/tuyen-truyen-phong-ngua-toi-pham-lua-dao-chiem-doat-tai"
        "-san-tren-khong-gian-mang-626.aspx",
    ),
    "C22": (
        "Mất tiền vì cuộc gọi video call lừa đảo",
        "VOV",
        "https://vov.vn/phap-luat/mat-tien-vi-cuoc-goi-video-call-lua-dao-tinh-vi-post1065341.vov",
    ),
    "C23": (
        "Bộ Công an: lừa đảo tình cảm rồi dụ đầu tư",
        "KNTB",
        "http://www.kntb.vn/bo-cong-an-chi-cach-nhan-biet-va-phong-tranh-lua-dao-tinh-cam-roi-du-dau-tu-tai-chinh-n31975.html",
    ),
    "C24": (
        "Lừa đảo shipper, công an chỉ rõ 5 điều",
        "Kênh 14",
        "https://kenh14.vn/lua-dao-shipper-giao-hang-ngay-cang-tinh-vi-cong-an-chi-ro-5-dieu-phai-nho-ky"
        "-215251017090456691.chn",
    ),
    "C25": (
        "Lừa đảo shipper phiên bản 2025",
        "CafeF",
        "https://cafef.vn/lua-dao-shipper-phien-ban-2025-khong-doi-tien-hang-tien-trong-tai-khoan-van-bay-mau-chi-sau-vai"
        "-phut-188251218190317751.chn",
    ),
    "C27": (
        "5 điều cần làm sau khi bị lừa chuyển tiền",
        "Bình Phước",
        "https://binhphuoc.gov.vn/vi/stttt/tuyen-truyen-ve-an-toan-thong-tin/5-dieu-can-lam-sau-khi-bi-lua-chuyen-tien"
        "-qua-mang-2529.html",
    ),
    "C28": (
        "Cách lấy lại tiền đã chuyển khoản khi bị lừa",
        "CafeF",
        "https://cafef.vn/cach-lay-lai-tien-da-chuyen-khoan-khi-bi-lua-dung-quy-dinh-phap-luat-18825101912212633.chn",
    ),
    "C29": (
        "Sập bẫy lừa đảo, có lấy lại tiền không?",
        "Kênh 14",
        "https://kenh14.vn/sap-bay-lua-dao-co-the-lay-lai-tien-khong-chuyen-gia-nhac-dieu-quan-trong-phai-lam-trong-thoi"
        "-diem-vang-215250117143048502.chn",
    ),
    "R1": ("Phản ánh tin nhắn rác, cuộc gọi rác (official form)", "", "https://thongbaorac.ais.gov.vn/"),
    "R2": (
        "Công an Trà Vinh via Việt Báo (5656, 156)",
        "Việt Báo",
        "https://vietbao.vn/mao-danh-cong-an-tinh-tra-vinh-goi-dien-lua-lanh-dao-dia-phuong-467956.html",
    ),
    "R3": (
        "Lừa đảo hỗ trợ cài đặt sinh trắc học (5656, 156)",
        "TH389",
        "https://th389.vn/canh-bao-thu-doan-lua-dao-ho-tro-cai-dat-xac-thuc-sinh-trac-hoc-a182998.html",
    ),
    "R4": (
        "Chặn tin nhắn rác, cuộc gọi rác",
        "Quản Trị Mạng",
        "https://quantrimang.com/chan-tin-nhan-rac-cuoc-goi-rac-175767",
    ),
    "R6": (
        "Cyber safety authentication ecosystem",
        "SGGP News",
        "https://sggpnews.org.vn/science_technology/cyber-safety-authentication-ecosystem-formally-launched-92784.html",
    ),
    "R9": (
        "Bộ TTTT hướng dẫn kiểm tra website lừa đảo",
        "",
        "https://thegioitrenews.com/cong-nghe/bo-tttt-huong-dan-cach-kiem-tra-website-lua-dao.html",
    ),
    "R10": (
        "Phần mềm chống lừa đảo nTrust",
        "Thư viện Pháp luật",
        "https://danluat.thuvienphapluat.vn/tags/phần-mềm-phòng-chống-lừa-đảo",
    ),
    "R11": (
        "Giả dịch vụ Western Union (MPS crime-report guide)",
        "PLO",
        "https://plo.vn/an-ninh-trat-tu/gia-dich-vu-chuyen-tien-western-union-de-lua-dao-922371.html",
    ),
    "R12": ("112, 113, 114, 115 là gì (weak)", "", "https://ancotnam.vn/114-la-gi.html"),
}


# --- small builders, so the lessons below read like the page -----------------------------------------------
def h2(text):
    return {"type": "heading", "value": {"text": text, "size": "h2"}}


def h3(text):
    return {"type": "heading", "value": {"text": text, "size": "h3"}}


def p(html):
    return {"type": "paragraph", "value": html}


def tip(html):
    return {"type": "callout", "value": {"kind": "tip", "text": html}}


def warning(html):
    return {"type": "callout", "value": {"kind": "warning", "text": html}}


def remember(html):
    return {"type": "callout", "value": {"kind": "remember", "text": html}}


def steps(title, *items):
    """items: (text, picture key or None, alt text)."""
    return {
        "type": "steps",
        "value": {
            "title": title,
            "steps": [{"text": text, "image": picture, "image_alt": alt} for text, picture, alt in items],
        },
    }


def scam(channel, sender, message, red_flags, what_to_do):
    return {
        "type": "scam_example",
        "value": {
            "channel": channel,
            "sender": sender,
            "message": message,
            "red_flags": list(red_flags),
            "what_to_do": what_to_do,
        },
    }


def law(law_name, law_number, article, quote, meaning, source_url=""):
    return {
        "type": "legal_excerpt",
        "value": {
            "law_name": law_name,
            "law_number": law_number,
            "article": article,
            "quote": quote,
            "meaning": meaning,
            "source_url": source_url,
        },
    }


def document(key, title, description):
    return {"type": "document", "value": {"document": key, "title": title, "description": description}}


# --- the courses -----------------------------------------------------------------------------------------
E_SERVICES = {
    "slug": "dich-vu-cong-truc-tuyen",
    "title": "Dịch vụ công trực tuyến: VNeID, Cổng Dịch vụ công và chữ ký số",
    "theme": "dich-vu-cong",
    "summary": (
        "Làm quen với ứng dụng định danh điện tử VNeID, nộp hồ sơ trên Cổng Dịch vụ công quốc gia "
        "và biết chữ ký số dùng để làm gì — làm thủ tục mà không phải đi lại nhiều."
    ),
    "audience": "Mọi người dân từ 14 tuổi, nhất là người lớn tuổi mới dùng điện thoại thông minh",
    "cover": "cover-dich-vu-cong",
    "lessons": [
        {
            "slug": "vneid-la-gi",
            "title": "VNeID là gì và cài đặt thế nào cho an toàn",
            "summary": "VNeID là ứng dụng định danh điện tử quốc gia. Bài này giải thích nó dùng để làm gì "
            "và cách cài đúng ứng dụng thật.",
            "sources": ["V1", "V3", "V8", "V11", "V14", "V15"],
            "body": [
                h2("VNeID là gì?"),
                p(
                    "<p><b>VNeID</b> là ứng dụng định danh điện tử của nhà nước. Có thể hiểu đơn giản: đây là "
                    "<b>giấy tờ tùy thân trên điện thoại</b> của bà con.</p>"
                    "<p>Ứng dụng do Trung tâm dữ liệu quốc gia về dân cư thuộc Bộ Công an làm ra, "
                    "dùng chính thức từ ngày <b>18/7/2022</b>. Trang web chính thức: <b>vneid.gov.vn</b>.</p>"
                ),
                p(
                    "<p>Ứng dụng hoạt động theo <b>Nghị định 69/2024/NĐ-CP</b>, có hiệu lực từ ngày "
                    "<b>1/7/2024</b>. Nghị định này thay cho Nghị định 59/2022.</p>"
                ),
                h2("Thẻ căn cước và chứng minh nhân dân"),
                p(
                    "<p>Luật Căn cước 2023 có hiệu lực từ ngày <b>1/7/2024</b>. Từ đó, thẻ “căn cước công dân” "
                    "được gọi là <b>thẻ căn cước</b>.</p>"
                    "<p>Chứng minh nhân dân (CMND) loại cũ đã <b>hết hạn từ ngày 1/1/2025</b>. Nếu nhà mình còn "
                    "người chỉ có CMND, hãy hỏi công an xã/phường để làm thẻ căn cước.</p>"
                ),
                h2("Cài VNeID đúng cách"),
                steps(
                    "Cài ứng dụng VNeID thật",
                    (
                        "Mở kho ứng dụng có sẵn trên máy: CH Play (điện thoại Android) hoặc App Store (iPhone).",
                        "store-open",
                        "Hình minh hoạ: màn hình điện thoại với biểu tượng CH Play và App Store được khoanh đỏ.",
                    ),
                    (
                        "Gõ chữ VNeID vào ô tìm kiếm của kho ứng dụng.",
                        "store-search",
                        "Hình minh hoạ: ô tìm kiếm trong kho ứng dụng có chữ VNeID.",
                    ),
                    (
                        "Bấm “Cài đặt” ngay trong kho ứng dụng. Chờ cài xong rồi mở ứng dụng.",
                        "store-install",
                        "Hình minh hoạ: trang ứng dụng VNeID trong kho ứng dụng với nút Cài đặt được khoanh đỏ.",
                    ),
                ),
                warning(
                    "<p><b>Không cài VNeID từ đường link</b> hay tệp có đuôi <b>.apk</b> do người khác gửi qua "
                    "Zalo, Facebook hay tin nhắn. Đó là ứng dụng giả, có thể đọc trộm mã OTP và lấy tiền trong "
                    "tài khoản ngân hàng của bạn.</p>"
                ),
                h2("Một số điện thoại, một tài khoản"),
                p(
                    "<p>Mỗi số điện thoại chỉ gắn được với <b>một</b> tài khoản VNeID. Hãy dùng số điện thoại "
                    "chính chủ của bạn, đừng dùng chung số của con cháu.</p>"
                ),
                remember(
                    "<p>Chỉ tải VNeID trên <b>App Store</b> hoặc <b>CH Play</b>. Ai gửi link bảo cài VNeID "
                    "là dấu hiệu lừa đảo.</p>"
                ),
            ],
        },
        {
            "slug": "dinh-danh-muc-1-muc-2",
            "title": "Tài khoản định danh mức 1 và mức 2 khác nhau thế nào",
            "summary": "VNeID có hai mức tài khoản. Bài này giúp bạn biết mình cần mức nào và đăng ký ở đâu.",
            "sources": ["V2", "V4", "V8", "V9", "V10", "V12"],
            "body": [
                h2("Hai mức tài khoản"),
                p(
                    "<ul>"
                    "<li><b>Mức 1</b>: dành cho công dân và người nước ngoài. Có thông tin nhân thân và "
                    "<b>một số</b> tính năng.</li>"
                    "<li><b>Mức 2</b>: dành cho công dân. Có căn cước điện tử, dữ liệu từ các cơ sở dữ liệu "
                    "quốc gia và <b>đầy đủ</b> tính năng. Xuất trình tài khoản mức 2 có giá trị như xuất "
                    "trình thẻ căn cước.</li>"
                    "</ul>"
                ),
                warning("<p><b>Không có tài khoản “mức 3”.</b> Ai nói phải “nâng lên mức 3” là kẻ lừa đảo.</p>"),
                h2("Ai được đăng ký?"),
                p(
                    "<p>Người từ <b>đủ 14 tuổi</b> tự đăng ký tài khoản của mình. Trẻ em dưới 14 tuổi được "
                    "đăng ký theo tài khoản của cha hoặc mẹ.</p>"
                ),
                h2("Đăng ký mức 1 trên ứng dụng"),
                steps(
                    "Đăng ký tài khoản mức 1",
                    (
                        "Mở ứng dụng VNeID bạn đã cài từ CH Play hoặc App Store, chọn đăng ký tài khoản.",
                        "vneid-start",
                        "Hình minh hoạ: màn hình đầu của ứng dụng định danh với nút Đăng ký được khoanh đỏ.",
                    ),
                    (
                        "Nhập số định danh cá nhân (12 số trên thẻ căn cước) và số điện thoại của bạn.",
                        "vneid-form",
                        "Hình minh hoạ: hai ô nhập số định danh cá nhân và số điện thoại.",
                    ),
                    (
                        "Chụp ảnh khuôn mặt theo hướng dẫn trên màn hình. Làm ở nơi đủ sáng, nhìn thẳng.",
                        "vneid-face",
                        "Hình minh hoạ: khung tròn để chụp ảnh khuôn mặt trên điện thoại.",
                    ),
                ),
                tip(
                    "<p>Tên nút và thứ tự màn hình có thể khác một chút theo phiên bản ứng dụng. "
                    "Hình trong bài chỉ là <b>hình minh hoạ</b>, không phải ảnh chụp ứng dụng thật.</p>"
                ),
                h2("Đăng ký mức 2: đến công an xã/phường"),
                p(
                    "<p>Tài khoản mức 2 phải làm <b>trực tiếp</b> tại công an xã/phường nơi bạn ở. "
                    "Mang theo <b>thẻ căn cước gắn chip</b>. Hãy hỏi công an xã/phường về các bước "
                    "và giấy tờ cần mang hiện nay.</p>"
                ),
                warning(
                    "<p><b>Không ai làm mức 2 hộ bạn qua điện thoại.</b> Người lạ gọi điện, nhắn Zalo đòi "
                    "“kích hoạt giúp định danh mức 2” là lừa đảo.</p>"
                ),
                remember("<p>Định danh mức 2 chỉ làm trực tiếp tại công an xã/phường.</p>"),
            ],
        },
        {
            "slug": "vneid-vi-giay-to-bhyt",
            "title": "Dùng VNeID: ví giấy tờ, thẻ bảo hiểm y tế, tố giác tội phạm",
            "summary": "Những việc có ích bạn làm được ngay trên VNeID: mang giấy tờ trên điện thoại, thêm thẻ "
            "bảo hiểm y tế và báo tin tội phạm kín đáo.",
            "sources": ["V1", "V5", "V6", "V7"],
            "body": [
                h2("VNeID giúp bạn làm gì?"),
                p(
                    "<ul>"
                    "<li>Giữ thẻ căn cước, giấy phép lái xe, đăng ký xe, giấy tờ cư trú trong mục "
                    "<b>Ví giấy tờ</b>, không cần mang bản giấy photo.</li>"
                    "<li>Thêm <b>thẻ bảo hiểm y tế</b> để đi khám chữa bệnh.</li>"
                    "<li><b>Tố giác tội phạm</b> mà vẫn được giữ kín danh tính.</li>"
                    "<li>Xác nhận tình trạng hôn nhân, làm một số dịch vụ công như khai sinh cho con.</li>"
                    "</ul>"
                ),
                h2("Thêm thẻ bảo hiểm y tế vào VNeID"),
                steps(
                    "Tích hợp thẻ bảo hiểm y tế",
                    (
                        "Đăng nhập VNeID, chọn mục “Ví giấy tờ”.",
                        "vneid-home",
                        "Hình minh hoạ: màn hình chính của ứng dụng với ô Ví giấy tờ được khoanh đỏ.",
                    ),
                    (
                        "Chọn “Tích hợp thông tin”.",
                        "vneid-wallet",
                        "Hình minh hoạ: màn hình Ví giấy tờ với nút Tích hợp thông tin được khoanh đỏ.",
                    ),
                    (
                        "Chọn thẻ bảo hiểm y tế, làm theo hướng dẫn rồi gửi yêu cầu.",
                        "vneid-bhyt",
                        "Hình minh hoạ: danh sách giấy tờ có thể tích hợp, dòng Thẻ BHYT được khoanh đỏ.",
                    ),
                ),
                p(
                    "<p>Từ ngày <b>1/6/2025</b> không cấp mới thẻ bảo hiểm y tế bằng giấy nữa. Vì vậy, thẻ trên "
                    "VNeID rất tiện khi đi khám bệnh.</p>"
                    "<p>Từ ngày <b>1/8/2025</b>, số định danh cá nhân 12 số có thể dùng thay mã số bảo hiểm "
                    "xã hội.</p>"
                ),
                h2("Tố giác tội phạm trên VNeID"),
                p(
                    "<p>Nếu biết việc làm phạm pháp, ví dụ bị lừa đảo, bạn có thể báo công an bằng mục "
                    "<b>Tố giác tội phạm</b> trong VNeID. Thông tin của người báo được giữ kín.</p>"
                ),
                tip(
                    "<p>Chưa quen? Nhờ con cháu hoặc đoàn viên thanh niên ở thôn ngồi bên cạnh hướng dẫn. "
                    "Nhưng <b>tự bạn bấm</b>, và không đưa mật khẩu cho ai.</p>"
                ),
            ],
        },
        {
            "slug": "nop-ho-so-cong-dich-vu-cong",
            "title": "Nộp hồ sơ trên Cổng Dịch vụ công quốc gia",
            "summary": "Mọi thủ tục hành chính nay có chung một địa chỉ: dichvucong.gov.vn. Bài này hướng dẫn "
            "nộp hồ sơ, trả phí và theo dõi kết quả.",
            "sources": ["V3", "D1", "D2", "D3", "D4", "D5"],
            "body": [
                h2("Một địa chỉ cho mọi thủ tục"),
                p(
                    "<p>Từ ngày <b>1/7/2025</b>, bà con làm mọi thủ tục trực tuyến ở một nơi: "
                    "<b>Cổng Dịch vụ công quốc gia</b>, địa chỉ <b>dichvucong.gov.vn</b>. Cổng tự chuyển "
                    "hồ sơ của bạn đến trung tâm phục vụ hành chính công phụ trách.</p>"
                    "<p>Từ ngày 1/7/2024, tài khoản cá nhân cũ của Cổng không dùng được nữa. Bạn đăng nhập "
                    "bằng <b>tài khoản VNeID</b>.</p>"
                ),
                h2("Các bước nộp hồ sơ"),
                steps(
                    "Nộp một hồ sơ trực tuyến",
                    (
                        "Vào dichvucong.gov.vn, bấm đăng nhập và chọn đăng nhập bằng VNeID.",
                        "dvc-login",
                        "Hình minh hoạ: trang Cổng Dịch vụ công trên điện thoại với nút đăng nhập bằng VNeID.",
                    ),
                    (
                        "Gõ tên thủ tục vào ô tìm kiếm, chọn đúng thủ tục rồi bấm “Nộp hồ sơ trực tuyến”.",
                        "dvc-search",
                        "Hình minh hoạ: kết quả tìm thủ tục với nút Nộp hồ sơ trực tuyến được khoanh đỏ.",
                    ),
                    (
                        "Điền tờ khai. Tải lên ảnh chụp hoặc bản quét giấy tờ thật rõ nét.",
                        None,
                        "",
                    ),
                    (
                        "Trả phí, lệ phí trực tuyến nếu thủ tục có thu phí.",
                        "dvc-pay",
                        "Hình minh hoạ: màn hình chọn cổng thanh toán quốc gia rồi chọn ngân hàng.",
                    ),
                    (
                        "Bấm gửi, rồi theo dõi hồ sơ trên Cổng cho đến khi có kết quả.",
                        None,
                        "",
                    ),
                ),
                h3("Trả phí thế nào?"),
                p(
                    "<p>Theo hướng dẫn của một tỉnh: vào <b>Quản lý hồ sơ</b> → <b>Yêu cầu thanh toán</b>, "
                    "chọn cổng thanh toán quốc gia rồi chọn ngân hàng hoặc ví điện tử của bạn. Biên lai tải "
                    "về ở mục “Đã thanh toán”. Tên các mục trên Cổng mới có thể hơi khác.</p>"
                ),
                h2("Ví dụ: làm giấy khai sinh cho con"),
                p(
                    "<p>Có thủ tục <b>liên thông</b> cho trẻ dưới 6 tuổi: đăng ký khai sinh, đăng ký thường trú "
                    "và cấp thẻ bảo hiểm y tế <b>cùng một lần</b>.</p>"
                    "<ul>"
                    "<li>Nộp trên Cổng Dịch vụ công hoặc trong VNeID (mục “Dịch vụ công liên thông khai sinh, "
                    "khai tử”).</li>"
                    "<li>Giấy hẹn gửi về qua Cổng, qua VNeID và qua <b>tin nhắn SMS</b>.</li>"
                    "<li>Thời gian: <b>3 ngày làm việc</b>, hoặc 5 ngày nếu cần xác minh.</li>"
                    "</ul>"
                ),
                tip(
                    "<p>Tin nhắn hẹn trả kết quả thật <b>không có đường link</b> và <b>không đòi tiền</b>. "
                    "Nếu tin nhắn đòi bấm link hay chuyển khoản, hãy cảnh giác.</p>"
                ),
                remember("<p>Mọi thủ tục: vào <b>dichvucong.gov.vn</b>, đăng nhập bằng VNeID.</p>"),
            ],
        },
        {
            "slug": "chu-ky-so",
            "title": "Chữ ký số: ký giấy tờ điện tử",
            "summary": "Chữ ký số giúp bạn ký giấy tờ điện tử có giá trị pháp lý. Bài này nói chữ ký số là gì "
            "và đăng ký trên VNeID ra sao.",
            "sources": ["V1", "G1", "G2", "G4", "G5", "G7"],
            "body": [
                h2("Chữ ký số là gì?"),
                p(
                    "<p>Khi làm thủ tục trên mạng, bạn không ký bằng bút được. <b>Chữ ký số</b> là cách ký "
                    "trên giấy tờ điện tử. Để có chữ ký số, bạn cần một <b>chứng thư chữ ký số</b> do đơn vị "
                    "được cấp phép cấp cho.</p>"
                ),
                h2("Luật nói gì?"),
                p(
                    "<ul>"
                    "<li><b>Luật Giao dịch điện tử 2023</b> có hiệu lực từ ngày <b>1/7/2024</b>, thay cho luật "
                    "năm 2005.</li>"
                    "<li><b>Nghị định 23/2025/NĐ-CP</b> về chữ ký điện tử và dịch vụ tin cậy có hiệu lực từ "
                    "ngày <b>10/4/2025</b>, thay cho Nghị định 130/2018.</li>"
                    "</ul>"
                ),
                h2("Đăng ký chữ ký số trên VNeID"),
                p(
                    "<p>Từ ngày <b>22/5/2025</b>, người dân có thể đăng ký chứng thư chữ ký số ngay trong "
                    "VNeID, qua <b>Cổng ký số tập trung</b> của Bộ Công an (đang thí điểm). Sau đó bạn ký "
                    "giấy tờ qua cổng này.</p>"
                ),
                steps(
                    "Chuẩn bị trước khi đăng ký",
                    (
                        "Đăng nhập VNeID. Tài khoản mức 2 (làm tại công an xã/phường) có đầy đủ tính năng.",
                        "vneid-level2",
                        "Hình minh hoạ: màn hình ứng dụng định danh ghi tài khoản mức 2.",
                    ),
                    (
                        "Mở VNeID, tìm mục đăng ký chứng thư chữ ký số và làm theo hướng dẫn trên màn hình.",
                        "vneid-sign",
                        "Hình minh hoạ: danh sách tính năng với dòng Chữ ký số được khoanh đỏ.",
                    ),
                ),
                p(
                    "<p>Khi đăng ký chữ ký số ở nơi khác, bạn cần xuất trình thẻ căn cước, tài khoản VNeID "
                    "mức 2 hoặc hộ chiếu.</p>"
                ),
                tip(
                    "<p>Đến tháng 11/2024 đã có khoảng <b>12,44 triệu</b> chứng thư chữ ký số cấp cho người "
                    "trưởng thành (hơn 20 %). Mục tiêu là hơn 50 %.</p>"
                ),
                warning("<p>Chữ ký số cũng như chữ ký tay: <b>không đưa mật khẩu, mã OTP</b> cho ai để “ký hộ”.</p>"),
            ],
        },
    ],
}

LAW = {
    "slug": "luat-an-ninh-mang-du-lieu-ca-nhan",
    "title": "Luật An ninh mạng và bảo vệ dữ liệu cá nhân",
    "theme": "an-ninh-mang",
    "summary": (
        "Những điều luật cấm làm trên mạng, điểm mới của Luật An ninh mạng 2025 và quyền của bạn với "
        "thông tin cá nhân của mình — nói bằng lời dễ hiểu."
    ),
    "audience": "Mọi người dân dùng điện thoại, Zalo, Facebook",
    "cover": "cover-an-ninh-mang",
    "lessons": [
        {
            "slug": "luat-an-ninh-mang-2018",
            "title": "Luật An ninh mạng 2018: những việc bị cấm trên mạng",
            "summary": "Luật An ninh mạng 2018 cấm những việc gì trên mạng, và vì sao không nên chia sẻ tin "
            "chưa kiểm chứng.",
            "sources": ["L1", "L2", "L19"],
            "body": [
                h2("Luật An ninh mạng là gì?"),
                p(
                    "<p><b>Luật An ninh mạng</b> số <b>24/2018/QH14</b> được Quốc hội thông qua ngày "
                    "12/6/2018, có 7 chương, 43 điều, có hiệu lực từ ngày <b>1/1/2019</b>.</p>"
                    "<p>Luật đặt ra những việc <b>không được làm</b> trên mạng, để giữ an toàn cho mọi người.</p>"
                ),
                law(
                    "Luật An ninh mạng",
                    "24/2018/QH14",
                    "Điều 8. Các hành vi bị nghiêm cấm về an ninh mạng",
                    "Điều 8 nêu 6 nhóm hành vi bị nghiêm cấm (tóm tắt, không phải nguyên văn): dùng không gian "
                    "mạng để chống Nhà nước, xuyên tạc lịch sử, xúc phạm tôn giáo, phân biệt giới tính, chủng "
                    "tộc, đưa tin sai sự thật gây hoang mang hoặc gây thiệt hại cho người khác, xúc phạm thuần "
                    "phong mỹ tục, xúi giục phạm tội; tấn công mạng, khủng bố mạng, gián điệp mạng, tội phạm "
                    "mạng; làm công cụ phá hoại mạng; cản trở lực lượng bảo vệ an ninh mạng; lợi dụng công tác "
                    "an ninh mạng để xâm phạm quyền lợi của người khác; các vi phạm khác của Luật.",
                    "Trên mạng cũng như ngoài đời: không nói sai sự thật, không xúc phạm người khác, không "
                    "lừa đảo, không rủ rê người khác làm việc phạm pháp.",
                    SOURCES["L1"][2],
                ),
                h2("Tin giả: đừng vội chia sẻ"),
                p(
                    "<p>Đưa <b>tin sai sự thật gây hoang mang</b> là việc bị cấm. Có khi mình chia sẻ tin giả "
                    "mà không biết. Một cú bấm “Chia sẻ” có thể làm hại người khác và làm hại chính mình.</p>"
                ),
                steps(
                    "Trước khi chia sẻ một tin",
                    (
                        "Dừng lại. Đừng bấm “Chia sẻ” ngay, dù tin làm bạn lo lắng hay tức giận.",
                        "share-stop",
                        "Hình minh hoạ: một bài đăng trên mạng xã hội, nút Chia sẻ bị gạch chéo đỏ.",
                    ),
                    (
                        "Xem tin từ đâu ra: trang của cơ quan nhà nước, báo chính thống, hay một tài khoản lạ?",
                        "share-check",
                        "Hình minh hoạ: bài đăng từ một tài khoản lạ, tên người đăng được khoanh đỏ.",
                    ),
                    (
                        "Chưa chắc chắn thì không chia sẻ. Hỏi cán bộ thôn, xã hoặc người bạn tin cậy.",
                        None,
                        "",
                    ),
                ),
                h2("Ai lo an ninh mạng?"),
                p(
                    "<p>Từ ngày <b>1/3/2025</b>, việc bảo đảm an toàn thông tin mạng thuộc <b>Bộ Công an</b>, "
                    "do Cục An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao (<b>A05</b>) phụ "
                    "trách. Trước đó việc này thuộc Bộ Thông tin và Truyền thông.</p>"
                ),
                remember("<p>Không chia sẻ tin chưa kiểm chứng.</p>"),
            ],
        },
        {
            "slug": "luat-an-ninh-mang-2025",
            "title": "Luật An ninh mạng 2025: điểm mới, cấm làm giả bằng AI",
            "summary": "Luật An ninh mạng mới có hiệu lực từ 1/7/2026. Bài này nêu những việc bị cấm, trong đó "
            "có dùng trí tuệ nhân tạo (AI) làm giả hình ảnh, giọng nói người khác.",
            "sources": ["L3", "L4", "L5", "L6", "L7", "L20", "C21", "C22"],
            "body": [
                h2("Luật mới thay hai luật cũ"),
                p(
                    "<p><b>Luật An ninh mạng 2025</b>, số <b>116/2025/QH15</b>, được Quốc hội thông qua ngày "
                    "<b>10/12/2025</b> (434 trên 443 phiếu biểu quyết tán thành). Luật có 8 chương, 45 điều, "
                    "có hiệu lực từ ngày <b>1/7/2026</b>.</p>"
                    "<p>Luật này <b>gộp</b> Luật An ninh mạng 2018 và Luật An toàn thông tin mạng 2015 "
                    "thành một luật.</p>"
                ),
                law(
                    "Luật An ninh mạng 2025",
                    "116/2025/QH15",
                    "Điều 7 (các hành vi bị nghiêm cấm)",
                    "Tóm tắt một số hành vi bị cấm: tuyên truyền chống Nhà nước; bịa đặt, vu khống, đưa tin "
                    "sai làm tổn hại danh dự, quyền lợi của người khác; đưa tin sai về tài chính, ngân hàng, "
                    "thương mại điện tử, bán hàng đa cấp, chứng khoán; chiếm đoạt, mua bán, làm lộ thông tin "
                    "riêng tư của người khác.",
                    "Không bịa chuyện, nói xấu người khác trên mạng. Không lan truyền tin sai về tiền bạc, "
                    "ngân hàng. Không mua bán thông tin riêng của người khác.",
                ),
                h2("Cấm dùng AI làm giả người khác"),
                law(
                    "Luật An ninh mạng 2025",
                    "116/2025/QH15",
                    "Điều 7, khoản 2, điểm g",
                    "Quy định mới (tóm tắt): cấm dùng trí tuệ nhân tạo (AI) để làm giả video, hình ảnh hoặc "
                    "giọng nói của người khác, và cấm phát tán những thứ làm giả đó.",
                    "Kẻ xấu có thể dùng máy tính làm ra video, giọng nói giống hệt người thân của bạn. Làm "
                    "như vậy là vi phạm luật. Khi thấy video, giọng nói lạ xin tiền, hãy gọi lại số quen để "
                    "hỏi.",
                ),
                steps(
                    "Nghi ngờ một cuộc gọi video, tin nhắn thoại",
                    (
                        "Cuộc gọi ngắn, hình mờ, người gọi kêu “mạng yếu” rồi tắt máy: hãy nghi ngờ.",
                        "deepfake-call",
                        "Hình minh hoạ: cuộc gọi video hình mờ, dòng chữ mạng yếu.",
                    ),
                    (
                        "Tắt máy. Tự gọi lại vào số điện thoại quen của người thân để hỏi.",
                        "call-back",
                        "Hình minh hoạ: danh bạ điện thoại, nút gọi số quen của người thân được khoanh đỏ.",
                    ),
                ),
                h2("Bảo vệ người già và trẻ em"),
                p(
                    "<p>Theo báo chí đưa tin, luật mới có thêm quy định bảo vệ <b>trẻ em, người cao tuổi</b> "
                    "và người gặp khó khăn về nhận thức trên không gian mạng. Bộ Công an là cơ quan đầu mối.</p>"
                ),
                remember(
                    "<p>Dùng AI làm giả hình ảnh, giọng nói người khác là bị cấm (Luật An ninh mạng 2025, Điều 7).</p>"
                ),
            ],
        },
        {
            "slug": "quyen-ve-du-lieu-ca-nhan",
            "title": "Luật Bảo vệ dữ liệu cá nhân: quyền của bạn",
            "summary": "Thông tin cá nhân của bạn là của bạn. Luật mới từ 1/1/2026 cho bạn quyền được biết, "
            "được đồng ý hay từ chối, được xem, sửa và xoá.",
            "sources": ["L9", "L10", "L12", "L14", "L15"],
            "body": [
                h2("Dữ liệu cá nhân là gì?"),
                p(
                    "<p>Là những thông tin về bạn: họ tên, số căn cước, số điện thoại, ảnh, nơi ở, tài khoản "
                    "ngân hàng... Kẻ lừa đảo rất cần những thông tin này.</p>"
                    "<p><b>Luật Bảo vệ dữ liệu cá nhân</b>, số <b>91/2025/QH15</b>, được thông qua ngày "
                    "26/6/2025, có 5 chương, 39 điều, có hiệu lực từ ngày <b>1/1/2026</b>.</p>"
                ),
                law(
                    "Luật Bảo vệ dữ liệu cá nhân",
                    "91/2025/QH15",
                    "Điều 4 (quyền của chủ thể dữ liệu)",
                    "Tóm tắt: bạn có quyền được biết dữ liệu của mình được dùng thế nào; đồng ý, từ chối hoặc "
                    "rút lại sự đồng ý; xem và sửa dữ liệu; yêu cầu cung cấp, xoá hoặc hạn chế xử lý; phản "
                    "đối; khiếu nại, khởi kiện và được bồi thường.",
                    "Ai muốn lấy thông tin của bạn phải nói rõ để làm gì. Bạn có quyền nói “không”.",
                ),
                steps(
                    "Khi một ứng dụng hay một người hỏi thông tin của bạn",
                    (
                        "Hỏi rõ: ai cần thông tin này, và để làm gì?",
                        "consent-ask",
                        "Hình minh hoạ: màn hình hỏi quyền dùng thông tin cá nhân, có dòng để làm gì.",
                    ),
                    (
                        "Bạn được chọn đồng ý hoặc không đồng ý. Đã đồng ý rồi vẫn rút lại được.",
                        "consent-choice",
                        "Hình minh hoạ: hai nút Đồng ý và Không đồng ý, nút Không đồng ý được khoanh đỏ.",
                    ),
                    (
                        "Thấy thông tin bị dùng sai: yêu cầu sửa hoặc xoá; nếu bị hại, bạn có quyền khiếu nại, "
                        "khởi kiện.",
                        None,
                        "",
                    ),
                ),
                h2("Bạn cũng có trách nhiệm"),
                p(
                    "<p>Bạn phải tự bảo vệ dữ liệu của mình và tôn trọng dữ liệu của người khác.</p>"
                    "<p>Mạng xã hội <b>không được</b> đòi ảnh chụp giấy tờ tùy thân để xác thực tài khoản, "
                    "và <b>không được</b> đọc tin nhắn của bạn khi bạn chưa đồng ý.</p>"
                ),
                h2("Quy định cũ đã thay đổi"),
                p(
                    "<p>Nghị định 13/2023/NĐ-CP về bảo vệ dữ liệu cá nhân đã <b>hết hiệu lực từ ngày "
                    "1/1/2026</b>. Thay thế là <b>Nghị định 356/2025/NĐ-CP</b>. Bài viết cũ nói theo Nghị "
                    "định 13 nay không còn đúng.</p>"
                ),
                tip("<p>Không gửi ảnh thẻ căn cước cho người lạ hay trang lạ, kể cả khi họ nói để “xác minh”.</p>"),
            ],
        },
        {
            "slug": "mua-ban-du-lieu-bi-phat",
            "title": "Mua bán thông tin, cho mượn tài khoản: bị phạt thế nào",
            "summary": "Mua bán dữ liệu cá nhân, cho người khác mượn căn cước hay tài khoản ngân hàng có thể bị "
            "phạt rất nặng, thậm chí bị đi tù.",
            "sources": ["L9", "L10", "L17"],
            "body": [
                h2("Những việc bị cấm"),
                law(
                    "Luật Bảo vệ dữ liệu cá nhân",
                    "91/2025/QH15",
                    "Điều 7 (các hành vi bị nghiêm cấm)",
                    "Tóm tắt 7 hành vi bị cấm: xử lý dữ liệu để chống Nhà nước hay xâm phạm quyền của người "
                    "khác; cản trở việc bảo vệ dữ liệu; lợi dụng việc bảo vệ dữ liệu để vi phạm pháp luật; xử "
                    "lý dữ liệu trái phép; dùng dữ liệu của người khác, hoặc để người khác dùng dữ liệu của "
                    "mình, vào việc phạm pháp; mua bán dữ liệu cá nhân; chiếm đoạt, làm lộ, làm mất dữ liệu.",
                    "Không mua, không bán thông tin của người khác. Không cho ai mượn căn cước, tài khoản "
                    "ngân hàng của mình để họ làm việc phạm pháp.",
                ),
                h2("Mức phạt"),
                p(
                    "<p>Theo <b>Điều 8</b> của Luật:</p>"
                    "<ul>"
                    "<li>Mua bán dữ liệu cá nhân: phạt đến <b>10 lần</b> số tiền thu được.</li>"
                    "<li>Vi phạm quy định chuyển dữ liệu ra nước ngoài: phạt đến <b>5 %</b> doanh thu năm.</li>"
                    "<li>Vi phạm khác: phạt đến <b>3 tỷ đồng</b>.</li>"
                    "<li>Cá nhân bị phạt <b>bằng một nửa</b> mức của tổ chức.</li>"
                    "<li>Ngoài ra có thể bị truy cứu trách nhiệm hình sự và phải bồi thường.</li>"
                    "</ul>"
                ),
                h2("Lừa đảo trên mạng là tội hình sự"),
                law(
                    "Bộ luật Hình sự",
                    "Điều 174, Điều 290",
                    "Hai tội về lừa đảo, chiếm đoạt tài sản",
                    "Tóm tắt: Điều 174 là tội lừa đảo chiếm đoạt tài sản. Điều 290 là tội dùng mạng máy tính, "
                    "mạng viễn thông, phương tiện điện tử để chiếm đoạt tài sản, ví dụ dùng thông tin thẻ "
                    "lấy cắp, tài khoản bị chiếm, lừa đảo thương mại điện tử. Mức phạt cơ bản đến 3 năm tù.",
                    "Kẻ lừa đảo qua mạng sẽ bị đi tù. Người cho kẻ xấu mượn tài khoản cũng có thể bị liên luỵ.",
                ),
                steps(
                    "Giữ giấy tờ, tài khoản của mình",
                    (
                        "Có người hỏi mua hay mượn tài khoản ngân hàng, thẻ căn cước, sim điện thoại: từ chối.",
                        "lend-refuse",
                        "Hình minh hoạ: tin nhắn rủ cho mượn tài khoản ngân hàng lấy tiền, kèm chữ Từ chối.",
                    ),
                    (
                        "Báo cho công an xã/phường nếu ai đó cứ gạ gẫm, hứa trả tiền.",
                        None,
                        "",
                    ),
                ),
                remember("<p>Không mua bán, cho mượn căn cước, tài khoản ngân hàng.</p>"),
            ],
        },
    ],
}

SCAMS = {
    "slug": "phong-chong-lua-dao-truc-tuyen",
    "title": "Phòng chống lừa đảo trực tuyến",
    "theme": "lua-dao",
    "summary": (
        "Nhận ra những chiêu lừa đảo hay gặp qua điện thoại, tin nhắn, Zalo, Facebook; biết phải làm gì "
        "và báo ở đâu khi gặp hoặc lỡ bị lừa."
    ),
    "audience": "Mọi người dân, nhất là người cao tuổi, học sinh, sinh viên và người lao động",
    "cover": "cover-lua-dao",
    "lessons": [
        {
            "slug": "gia-danh-cong-an-co-quan-nha-nuoc",
            "title": "Giả danh công an, cán bộ nhà nước",
            "summary": "Kẻ lừa đảo giả làm công an, cán bộ thuế, cán bộ hỗ trợ VNeID để doạ bạn và lấy tiền. "
            "Bài này chỉ cách nhận ra chúng.",
            "sources": ["C1", "C2", "C4", "C5", "C7", "C8", "V10", "V11", "V12"],
            "body": [
                h2("Ai hay bị nhắm tới?"),
                p(
                    "<p>Một cẩm nang chính thức liệt kê <b>24 hình thức lừa đảo</b> qua mạng. Người bị nhắm "
                    "tới nhiều nhất là <b>người cao tuổi</b>, trẻ em, học sinh, sinh viên và người lao động.</p>"
                ),
                h2("Giả công an gọi điện"),
                p(
                    "<p>Kẻ gian gọi điện, có khi gọi video mặc đồng phục công an. Họ nói bạn “liên quan đến "
                    "đường dây rửa tiền”, bắt chuyển tiền vào “tài khoản tạm giữ” để “chứng minh tiền sạch”, "
                    "và dặn giữ bí mật. Có người đã mất <b>4 đến 7 tỷ đồng</b>.</p>"
                ),
                scam(
                    "call",
                    "Số lạ, tự xưng “cán bộ Công an thành phố”",
                    "Tôi là cán bộ Công an thành phố. Bác liên quan đường dây rửa tiền, không được nói với con "
                    "cháu. Bác chuyển tiền tiết kiệm vào tài khoản tạm giữ để kiểm tra.",
                    [
                        "Công an làm việc qua điện thoại",
                        "Bắt giữ bí mật, không cho nói với con cháu",
                        "Đòi chuyển tiền vào “tài khoản tạm giữ”",
                    ],
                    "Tắt máy. Không chuyển tiền. Kể cho con cháu và hỏi công an xã/phường.",
                ),
                remember(
                    "<p>Công an mời làm việc <b>bằng giấy mời, giấy triệu tập</b>, đưa trực tiếp hoặc qua công "
                    "an địa phương. Công an <b>không bao giờ</b> bắt chuyển tiền hay cài ứng dụng.</p>"
                ),
                h2("Giả cán bộ “hỗ trợ VNeID”"),
                p(
                    "<p>Kẻ gian báo “định danh bị lỗi”, “dấu vân tay bị mờ”, “phải nâng lên mức 3”. Rồi gửi "
                    "link qua Zalo để cài VNeID giả. Ứng dụng giả đọc trộm mã OTP và rút sạch tiền trong tài "
                    "khoản.</p>"
                ),
                scam(
                    "zalo",
                    "Công an phường hỗ trợ",
                    "Định danh của anh bị lỗi, cần nâng lên mức 3. Tải VNeID mới tại link (.apk) rồi quét khuôn mặt.",
                    [
                        "Không có tài khoản định danh “mức 3”",
                        "Gửi tệp .apk để cài ứng dụng",
                        "Đòi quét khuôn mặt",
                    ],
                    "Không bấm link, không cài. VNeID chỉ cài từ CH Play hoặc App Store. Mức 2 làm trực tiếp "
                    "ở công an xã/phường.",
                ),
                h2("Giả cán bộ thuế"),
                scam(
                    "call",
                    "Người tự xưng “Cơ quan thuế”",
                    "Gửi “Giấy mời” của “Cơ quan thuế” không có số văn bản, rồi gọi điện: cài lại eTax qua link "
                    "này để được hoàn thuế.",
                    [
                        "Giấy mời không có số, chữ ký, con dấu",
                        "Bảo cài lại ứng dụng qua đường link",
                    ],
                    "Cơ quan thuế không hỏi OTP, mật khẩu qua điện thoại, không gửi tệp .apk. Ứng dụng thật "
                    "là eTax Mobile, chỉ cài từ kho ứng dụng.",
                ),
                steps(
                    "Khi có người gọi tự xưng công an, cán bộ",
                    (
                        "Nghe thấy doạ nạt, giữ bí mật, chuyển tiền: tắt máy ngay.",
                        "call-hangup",
                        "Hình minh hoạ: cuộc gọi từ số lạ, nút kết thúc cuộc gọi màu đỏ được khoanh.",
                    ),
                    (
                        "Kể ngay cho con cháu hoặc người trong nhà.",
                        None,
                        "",
                    ),
                    (
                        "Hỏi lại công an xã/phường bằng số điện thoại bạn đã biết từ trước, hoặc đến trụ sở.",
                        "call-back",
                        "Hình minh hoạ: danh bạ điện thoại, nút gọi số quen được khoanh đỏ.",
                    ),
                ),
                remember("<p>Công an không làm việc qua điện thoại, không bắt chuyển tiền.</p>"),
            ],
        },
        {
            "slug": "tin-nhan-gia-ngan-hang-ma-otp",
            "title": "Tin nhắn giả ngân hàng, đường link lạ và mã OTP",
            "summary": "Tin nhắn báo “khoá tài khoản”, lời đề nghị “cập nhật sinh trắc học” và người xin mã OTP "
            "đều có thể là lừa đảo. Học cách nhận ra.",
            "sources": ["C11", "C12", "C13", "C14", "C15", "C16"],
            "body": [
                h2("Tin nhắn “khoá tài khoản”"),
                p(
                    "<p>Kẻ gian dùng trạm phát sóng giả để gửi tin nhắn mang đúng tên ngân hàng. Tin báo tài "
                    "khoản “sẽ bị khoá sau 24 giờ” và kèm đường link, thường có đuôi lạ như "
                    "<b>.top</b>, <b>.vip</b>, <b>.xyz</b>.</p>"
                ),
                scam(
                    "sms",
                    "VCB-Bank",
                    "Tai khoan cua Quy khach se bi khoa sau 24h do chua cap nhat sinh trac hoc. Cap nhat: "
                    "vcb-sinhtrachoc.top",
                    [
                        "Tin nhắn ngân hàng có đường link",
                        "Hạn chót gấp gáp: “sau 24h”",
                        "Đuôi trang web lạ: .top",
                        "Tên người gửi có thể bị làm giả",
                    ],
                    "Không bấm link. Mở ứng dụng ngân hàng của bạn, hoặc gọi số tổng đài in trên thẻ để hỏi.",
                ),
                h2("Cập nhật sinh trắc học: làm ở đâu?"),
                p(
                    "<ul>"
                    "<li>Từ ngày <b>1/7/2024</b>, chuyển khoản trực tuyến trên <b>10 triệu đồng</b>, hoặc tổng "
                    "trong ngày trên 20 triệu, hoặc lần đầu dùng ứng dụng, đổi điện thoại mới, phải xác thực "
                    "khuôn mặt.</li>"
                    "<li>Từ ngày <b>1/1/2025</b>, tài khoản chưa khớp sinh trắc học thì không thanh toán trực "
                    "tuyến được.</li>"
                    "<li>Bạn chỉ cập nhật sinh trắc học <b>trong ứng dụng của chính ngân hàng</b> hoặc tại quầy "
                    "giao dịch.</li>"
                    "</ul>"
                ),
                steps(
                    "Gặp tin nhắn có đường link",
                    (
                        "Nhìn kỹ: tin nhắn có đường link, có hạn chót gấp, đòi mã OTP hay quay video khuôn mặt?",
                        "sms-link",
                        "Hình minh hoạ: tin nhắn báo khoá tài khoản, đường link đuôi .top được khoanh đỏ.",
                    ),
                    (
                        "Không bấm link. Tự mở ứng dụng ngân hàng đã cài từ kho ứng dụng để kiểm tra.",
                        "bank-app",
                        "Hình minh hoạ: màn hình điện thoại, biểu tượng ứng dụng ngân hàng được khoanh đỏ.",
                    ),
                    (
                        "Còn lo thì gọi tổng đài in trên thẻ ngân hàng hoặc ra quầy giao dịch hỏi.",
                        None,
                        "",
                    ),
                ),
                h2("Mã OTP: không đưa cho ai"),
                p(
                    "<p>Mã OTP là mã số ngân hàng gửi để xác nhận giao dịch. Có kẻ giả làm bạn bè nhắn “mình "
                    "lỡ gửi mã vào máy bạn”. Thật ra đó là mã để <b>gắn thẻ của bạn vào ví điện tử</b> Apple, "
                    "Google của chúng.</p>"
                ),
                scam(
                    "facebook",
                    "Một người bạn trên Messenger",
                    "Mình lỡ gửi mã 6 số vào máy bạn, đọc lại giúp mình với.",
                    ["Xin mã OTP, dù là người quen"],
                    "Không đọc mã cho ai. Gọi điện cho người bạn đó bằng số quen để hỏi: có thể tài khoản của "
                    "họ đã bị chiếm.",
                ),
                tip(
                    "<p>Tin nhắn OTP đến ngay sau khi <b>chính bạn</b> bấm chuyển tiền trong ứng dụng ngân "
                    "hàng: đó là tin thật, chỉ nhập vào ứng dụng của bạn. Nếu bạn <b>không làm gì</b> mà vẫn "
                    "có mã OTP gửi đến: có người đang thử vào tài khoản của bạn, hãy gọi ngân hàng.</p>"
                ),
                remember("<p>Ngân hàng không bao giờ hỏi OTP.</p>"),
            ],
        },
        {
            "slug": "gia-nguoi-than-dien-luc-shipper",
            "title": "Giả người thân, giả nhân viên điện lực, giả shipper",
            "summary": "Cuộc gọi video giả con cháu, cuộc gọi doạ cắt điện, người giao hàng đòi chuyển khoản: "
            "ba chiêu lừa hay gặp và cách đối phó.",
            "sources": ["C9", "C10", "C21", "C22", "C24", "C25"],
            "body": [
                h2("Cuộc gọi video giả người thân"),
                p(
                    "<p>Kẻ gian chiếm hoặc làm giả tài khoản Zalo, Facebook của người thân. Chúng gọi video vài "
                    "giây, hình mờ, kêu “mạng yếu”, rồi nhắn xin tiền gấp, bảo chuyển vào tài khoản của người "
                    "khác.</p>"
                ),
                scam(
                    "zalo",
                    "“Con trai”",
                    "(Sau cuộc gọi video 8 giây, hình mờ, bị ngắt vì “mạng yếu”) Mẹ ơi con bị tai nạn, mẹ "
                    "chuyển gấp 20 triệu vào tài khoản bạn con, đừng gọi lại.",
                    [
                        "Cuộc gọi rất ngắn, hình kém",
                        "Chuyển tiền vào tài khoản người khác",
                        "Dặn “đừng gọi lại”",
                    ],
                    "Tắt máy. Gọi lại vào số điện thoại quen của con để hỏi.",
                ),
                steps(
                    "Kiểm tra trước khi chuyển tiền cho người thân",
                    (
                        "Thấy cuộc gọi video ngắn, mờ, rồi xin tiền gấp: dừng lại, đừng chuyển.",
                        "deepfake-call",
                        "Hình minh hoạ: cuộc gọi video hình mờ, dòng chữ mạng yếu.",
                    ),
                    (
                        "Tự gọi vào số điện thoại quen của người thân (số bạn đã lưu từ trước).",
                        "call-back",
                        "Hình minh hoạ: danh bạ điện thoại, nút gọi số quen được khoanh đỏ.",
                    ),
                ),
                h2("Giả nhân viên điện lực"),
                p(
                    "<p>Kẻ gian gọi báo “tối nay cắt điện” hoặc “mã khách hàng đã đổi”, bảo kết bạn Zalo và "
                    "cài “ứng dụng chăm sóc khách hàng” qua link. Một người ở TP Hồ Chí Minh đã mất hơn "
                    "<b>2 tỷ đồng</b>.</p>"
                ),
                scam(
                    "call",
                    "Người tự xưng “bên điện lực”",
                    "Em bên điện lực. Nhà mình nợ 2 tháng, 8 giờ tối nay cắt điện. Chị kết bạn Zalo em gửi link "
                    "cài app mới để thanh toán.",
                    [
                        "Doạ cắt điện, có hạn chót",
                        "Dùng số điện thoại, Zalo cá nhân",
                        "Bảo cài ứng dụng qua đường link",
                    ],
                    "Tắt máy. Ứng dụng thật của điện lực (ví dụ của EVNSPC) chỉ cài từ kho ứng dụng và "
                    "không đòi quét khuôn mặt. Không cài gì qua link, kể cho con cháu nghe.",
                ),
                h2("Giả người giao hàng (shipper)"),
                p(
                    "<p>Kẻ gian biết bạn có đơn hàng, đòi chuyển vài chục đến vài trăm nghìn vào tài khoản cá "
                    "nhân. Có kẻ gửi “mã QR hoàn tiền” nhưng quét vào lại mất tiền — một người đã mất hơn "
                    "<b>900 triệu đồng</b>.</p>"
                ),
                scam(
                    "call",
                    "Người tự xưng “shipper”",
                    "Em shipper, chị không có nhà thì chuyển 185.000đ vào tài khoản cá nhân em, em gửi hàng ở bảo vệ.",
                    [
                        "Chuyển tiền vào tài khoản cá nhân",
                        "Giục giã, gây áp lực",
                        "Bạn không nhớ đã đặt món hàng này",
                    ],
                    "Mở ứng dụng mua hàng để xem có đúng đơn của mình không. Không chuyển tiền vào tài khoản cá "
                    "nhân, không quét mã QR “hoàn tiền”.",
                ),
                remember("<p>Nghi ngờ? Tắt máy, gọi lại số quen, hỏi con cháu hoặc công an xã.</p>"),
            ],
        },
        {
            "slug": "viec-nhe-luong-cao-dau-tu-qua-tang",
            "title": "Việc nhẹ lương cao, đầu tư tiền ảo, quà tặng từ người lạ",
            "summary": "Những lời mời kiếm tiền dễ, lãi cao hay nhận quà từ người quen trên mạng thường là bẫy. "
            "Nhận ra trước khi mất tiền.",
            "sources": ["C17", "C18", "C19", "C20", "C23", "C29"],
            "body": [
                h2("“Việc nhẹ lương cao”"),
                p(
                    "<p>Kẻ gian mời làm “cộng tác viên”: thả tim, viết đánh giá, đặt đơn ảo, vào nhóm Telegram "
                    "nhận nhiệm vụ. Lúc đầu trả ít tiền thật để bạn tin. Sau đó bắt nạp thêm tiền, rồi báo "
                    "“lỗi hệ thống, nộp tiền để mở khoá”.</p>"
                ),
                scam(
                    "facebook",
                    "Quảng cáo trên Facebook",
                    "Tuyển CTV làm tại nhà, thả tim video, đánh giá sản phẩm, 500.000đ/ngày, vào nhóm Telegram "
                    "nhận nhiệm vụ.",
                    ["Kiếm tiền quá dễ, trả quá cao", "Vào nhóm Telegram nhận việc", "Phải nạp tiền mới được làm"],
                    "Không tham gia. Không có việc thật nào bắt bạn nộp tiền để được nhận lương.",
                ),
                h2("Đầu tư, tiền ảo"),
                p(
                    "<p>Một “người bạn mới” trên mạng hoặc một nhóm khoe lãi, cho tiền “chơi thử”. Sau đó đòi "
                    "“nâng cấp VIP” với số tiền rất lớn, rồi doạ dẫm, và bạn không rút được tiền ra. Ví dụ tin "
                    "nhắn: “Lãi cam kết 30%/tháng, tặng 2 triệu chơi thử, tải app sàn qua link.”</p>"
                ),
                warning(
                    "<p><b>Hứa lãi chắc chắn</b>, cho tiền “chơi thử”, bảo cài ứng dụng qua link: đó là lừa đảo.</p>"
                ),
                h2("Bạn trên mạng gửi quà"),
                p(
                    "<p>Kẻ gian làm quen, trò chuyện ngọt ngào nhiều tuần, rồi rủ đầu tư, hoặc báo có “quà của "
                    "bạn nước ngoài” bị giữ lại, phải nộp “phí hải quan”.</p>"
                ),
                scam(
                    "facebook",
                    "“Kỹ sư ở nước ngoài”, rồi “Hải quan sân bay”",
                    "Một người quen trên Facebook được 3 tuần gửi “quà”. Sau đó “Hải quan sân bay” nhắn: Nộp 25 "
                    "triệu phí thông quan vào tài khoản này.",
                    ["Quà từ người chưa từng gặp mặt", "Đòi nộp phí vào tài khoản cá nhân"],
                    "Không nộp tiền. Người chưa gặp mặt mà xin tiền là lừa đảo. Kể với con cháu.",
                ),
                steps(
                    "Trước khi nộp tiền để “nhận lương”, “nhận lãi”, “nhận quà”",
                    (
                        "Tự hỏi: vì sao phải đưa tiền trước mới được nhận tiền? Nếu phải nộp trước, dừng lại.",
                        "task-scam",
                        "Hình minh hoạ: nhóm chat nhận nhiệm vụ, dòng yêu cầu nạp tiền được khoanh đỏ.",
                    ),
                    (
                        "Kể cho con cháu hoặc cán bộ thôn nghe trước khi chuyển bất cứ khoản nào.",
                        None,
                        "",
                    ),
                ),
                warning(
                    "<p>Đã bị lừa, lại có người hứa “lấy lại tiền giúp” nhưng đòi <b>phí trước</b>: đó là lừa "
                    "đảo lần hai, thường giả luật sư hay “hacker”.</p>"
                ),
            ],
        },
        {
            "slug": "lo-bi-lua-lam-gi-bao-o-dau",
            "title": "Lỡ bị lừa: làm gì ngay, báo ở đâu",
            "summary": "Năm việc cần làm ngay khi lỡ chuyển tiền cho kẻ lừa đảo, và những nơi chính thức để báo "
            "tin, kiểm tra số điện thoại, trang web.",
            "sources": ["C27", "C28", "V1", "V13", "R1", "R2", "R3", "R4", "R6", "R9", "R10", "R11", "R12"],
            "body": [
                h2("Năm việc cần làm ngay"),
                steps(
                    "Lỡ chuyển tiền cho kẻ lừa đảo",
                    (
                        "Dừng lại: không chuyển thêm đồng nào, dù chúng hứa trả lại.",
                        "stop-paying",
                        "Hình minh hoạ: màn hình chuyển tiền với chữ Dừng lại màu đỏ.",
                    ),
                    (
                        "Gọi ngay cho ngân hàng của bạn, nhờ dừng hoặc tra soát giao dịch. Báo càng sớm, ngân "
                        "hàng càng có thể giữ tài khoản nhận tiền.",
                        "call-bank",
                        "Hình minh hoạ: cuộc gọi đến tổng đài ngân hàng.",
                    ),
                    (
                        "Giữ bằng chứng: tin nhắn, lịch sử cuộc gọi, lịch sử giao dịch. Đừng xoá gì cả.",
                        "keep-evidence",
                        "Hình minh hoạ: lịch sử giao dịch trên điện thoại, có nút chụp màn hình.",
                    ),
                    (
                        "Báo công an xã/phường nơi bạn ở.",
                        None,
                        "",
                    ),
                    (
                        "Báo cho người nhà, hàng xóm biết để họ không bị lừa giống vậy.",
                        None,
                        "",
                    ),
                ),
                tip(
                    "<p>Có tiền lạ “chuyển nhầm” vào tài khoản của bạn? <b>Không tiêu số tiền đó</b>. Liên hệ "
                    "ngân hàng của bạn để xử lý.</p>"
                ),
                h2("Báo tin ở đâu?"),
                p(
                    "<ul>"
                    "<li><b>113</b>: gọi công an khi khẩn cấp.</li>"
                    "<li><b>Công an xã/phường</b>: đến trình báo, tố giác.</li>"
                    "<li>Ứng dụng <b>VNeID</b>, mục <b>Tố giác tội phạm</b>: báo tin kín đáo.</li>"
                    "<li>Trang <b>bocongan.gov.vn</b>, mục “Hướng dẫn tố giác tội phạm”.</li>"
                    "</ul>"
                ),
                h2("Báo cuộc gọi, tin nhắn lừa đảo"),
                p(
                    "<ul>"
                    "<li>Nhắn tin miễn phí đến <b>5656</b>. Báo cuộc gọi: <b>V [số điện thoại] [nội dung]</b>. "
                    "Báo tin nhắn: <b>S [số điện thoại] [nội dung]</b>. Không muốn nhận quảng cáo: "
                    "<b>DK DNC</b>.</li>"
                    "<li>Gọi <b>156</b> để báo cuộc gọi lừa đảo.</li>"
                    "</ul>"
                ),
                h2("Kiểm tra trước khi tin"),
                p(
                    "<ul>"
                    "<li>Nhắn <b>TCTM [tên trang web]</b> gửi <b>156</b> để biết ai là chủ trang web đó.</li>"
                    "<li>Danh sách trang web lừa đảo: <b>tinnhiemmang.vn/website-lua-dao</b>.</li>"
                    "<li>Ứng dụng <b>nTrust</b>: kiểm tra số điện thoại, số tài khoản, đường link, mã QR.</li>"
                    "</ul>"
                ),
                document(
                    "memo-lua-dao",
                    "Phiếu ghi nhớ: phòng chống lừa đảo",
                    "Một trang tóm tắt để in, dán ở nhà hoặc nhà văn hoá thôn.",
                ),
                warning(
                    "<p>Ai hứa “lấy lại tiền giúp” nhưng đòi <b>phí trước</b> là kẻ lừa đảo. Chỉ làm việc với "
                    "ngân hàng và công an.</p>"
                ),
                remember("<p>Lỡ chuyển tiền: gọi ngân hàng, giữ bằng chứng, báo công an.</p>"),
            ],
        },
    ],
}

MOVEMENT = {
    "slug": "binh-dan-hoc-vu-so",
    "title": "Bình dân học vụ số: cả nước học kỹ năng số",
    "theme": "ky-nang-so",
    "summary": (
        "Phong trào “Bình dân học vụ số” là gì, vì sao mọi người dân nên tham gia, và học ở đâu để có "
        "chứng nhận kỹ năng số trên VNeID."
    ),
    "audience": "Mọi người dân, cán bộ, đoàn viên thanh niên",
    "cover": "cover-ky-nang-so",
    "lessons": [
        {
            "slug": "phong-trao-binh-dan-hoc-vu-so",
            "title": "Phong trào Bình dân học vụ số là gì",
            "summary": "Phong trào giúp mọi người dân biết dùng công nghệ số, học theo tinh thần “Bình dân học "
            "vụ” năm 1945: không ai bị bỏ lại phía sau.",
            "sources": ["M-a", "M-c", "M-d", "M-e", "M-h", "M-i", "M-j", "M-l", "M-m"],
            "body": [
                h2("Từ “Bình dân học vụ” đến “Bình dân học vụ số”"),
                p(
                    "<p>Năm 1945, phong trào <b>Bình dân học vụ</b> giúp hơn <b>2,5 triệu người</b> biết đọc, "
                    "biết viết chỉ trong một năm.</p>"
                    "<p>Ngày nay, phong trào <b>Bình dân học vụ số</b> giúp mọi người dân có kiến thức cơ bản "
                    "về chuyển đổi số và <b>kỹ năng số cơ bản</b>: dùng điện thoại để làm thủ tục, giữ an toàn "
                    "trên mạng, tránh lừa đảo.</p>"
                ),
                h2("Phong trào bắt đầu thế nào?"),
                p(
                    "<ul>"
                    "<li>Tháng 11/2024, Tổng Bí thư <b>Tô Lâm</b> kêu gọi phong trào nhân dịp Ngày Nhà giáo.</li>"
                    "<li>Ngày 21/3/2025 có Kế hoạch 01-KH/BCĐTW của Ban Chỉ đạo Trung ương về phát triển khoa "
                    "học, công nghệ, đổi mới sáng tạo và chuyển đổi số.</li>"
                    "<li>Ngày <b>26/3/2025</b>, phong trào được phát động tại Đại học Bách khoa Hà Nội, với Thủ "
                    "tướng Phạm Minh Chính.</li>"
                    "</ul>"
                ),
                remember(
                    "<p>Phương châm: <b>“toàn dân, toàn diện, không ai bị bỏ lại phía sau”</b>. Người yếu thế "
                    "được ưu tiên trước.</p>"
                ),
                h2("Ở thôn, xã có gì?"),
                p(
                    "<ul>"
                    "<li><b>Tổ công nghệ số cộng đồng</b> và các “Đại sứ số” giúp bà con.</li>"
                    "<li>Các mô hình như “Gia đình số”, “Chợ số – Nông thôn số”, “Mỗi công dân – Một danh "
                    "tính số”.</li>"
                    "<li>Tinh thần: <b>“đi từng ngõ, gõ từng nhà, hướng dẫn từng người”</b>.</li>"
                    "</ul>"
                    "<p>Nhiều hoạt động gắn với ngày <b>10/10</b>, Ngày Chuyển đổi số quốc gia.</p>"
                ),
                steps(
                    "Bắt đầu học ngay ở thôn mình",
                    (
                        "Hỏi tổ công nghệ số cộng đồng hoặc đoàn viên thanh niên ở thôn về lịch học.",
                        "village-class",
                        "Hình minh hoạ: lớp học ở nhà văn hoá thôn, màn hình lớn và mọi người ngồi học.",
                    ),
                    (
                        "Mang theo điện thoại của mình, học và bấm thử ngay trên máy.",
                        None,
                        "",
                    ),
                ),
            ],
        },
        {
            "slug": "hoc-va-nhan-chung-nhan-ky-nang-so",
            "title": "Học ở đâu và nhận chứng nhận kỹ năng số",
            "summary": "Nền tảng binhdanhocvuso.gov.vn là nơi học chính thức; chứng nhận kỹ năng số được "
            "ghi trên VNeID.",
            "sources": ["M-a", "M-b", "M-h", "M-i", "M-k", "M-l", "V11"],
            "body": [
                h2("Nền tảng học chính thức"),
                p(
                    "<p>Nền tảng của phong trào là <b>binhdanhocvuso.gov.vn</b>. Bộ Công an xây dựng và vận "
                    "hành cùng Đại học Bách khoa Hà Nội. Nền tảng chạy trên cả nước từ ngày <b>1/4/2025</b> và "
                    "được liên kết với <b>VNeID</b>.</p>"
                ),
                h2("Chứng nhận kỹ năng số"),
                p(
                    "<p>Chứng nhận kỹ năng số của bạn được <b>ghi trên VNeID</b>. Nhiều tỉnh đặt mục tiêu: "
                    "đến cuối năm 2025 có <b>50 %</b> người trưởng thành được chứng nhận kỹ năng số cơ bản "
                    "trên VNeID, và đến năm 2026 là <b>100 %</b>.</p>"
                ),
                steps(
                    "Chuẩn bị để học",
                    (
                        "Cài VNeID từ CH Play hoặc App Store (không cài từ link).",
                        "store-search",
                        "Hình minh hoạ: ô tìm kiếm trong kho ứng dụng có chữ VNeID.",
                    ),
                    (
                        "Mở trình duyệt, gõ đúng địa chỉ binhdanhocvuso.gov.vn.",
                        "platform-url",
                        "Hình minh hoạ: thanh địa chỉ trình duyệt có chữ binhdanhocvuso.gov.vn.",
                    ),
                    (
                        "Chưa biết làm? Nhờ tổ công nghệ số cộng đồng hoặc đoàn viên thanh niên hướng dẫn.",
                        None,
                        "",
                    ),
                ),
                warning(
                    "<p>Trang thật có đuôi <b>.gov.vn</b>. Cẩn thận với trang giả có tên gần giống, "
                    "gửi qua tin nhắn lạ.</p>"
                ),
            ],
        },
    ],
}

COURSES = [E_SERVICES, LAW, SCAMS, MOVEMENT]

# The one-page memo attached to the "Lỡ bị lừa" lesson: the fact sheet's own reminder lines.
MEMO = {
    "key": "memo-lua-dao",
    "title": "Phiếu ghi nhớ: phòng chống lừa đảo trực tuyến",
    "lines": [
        "Công an không làm việc qua điện thoại, không bắt chuyển tiền.",
        "Ngân hàng không bao giờ hỏi mã OTP.",
        "Chỉ tải VNeID trên App Store hoặc CH Play.",
        "Định danh mức 2 chỉ làm trực tiếp tại công an xã/phường.",
        "Nghi ngờ? Tắt máy, gọi lại số quen, hỏi con cháu hoặc công an xã.",
        "Lỡ chuyển tiền: gọi ngân hàng, giữ bằng chứng, báo công an.",
    ],
    "numbers": [
        ("113", "Gọi công an khi khẩn cấp."),
        ("156", "Gọi để báo cuộc gọi lừa đảo."),
        ("5656", "Nhắn tin miễn phí báo cuộc gọi, tin nhắn lừa đảo: V [số] [nội dung] hoặc S [số] [nội dung]."),
    ],
}
