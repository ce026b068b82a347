"""The seeded quizzes, one per seeded course, as plain data in the quiz block schema.

Every fact here comes from the project's content fact sheet (/work/shared/content-facts.md) and is taught by
the seeded lesson each question names (`lesson`: its slug under the same course, see courses/seed/content.py).
Nothing the sheet marks [unverified] is asked. The "scam or safe?" messages are the sheet's own quiz seeds
(section 4: their names, numbers and domains were invented by the sheet's authors), except the village class
notice of the movement quiz, which we wrote from the sheet's section 0 (community digital teams teach in the
village; the notice asks for nothing).

Right answers sit at different places on purpose: a learner should not learn that "the first one is right".
Each question has a `key`, stable across edits, from which the seed derives its block ids (so an attempt started
before a wording fix still finds its questions).
"""


def single(key, lesson, prompt, choices, explanation):
    """choices: (text, is_right) in the order shown; exactly one right."""
    return {
        "key": key,
        "type": "single_choice",
        "value": {
            "prompt": prompt,
            "choices": [{"text": text, "correct": right} for text, right in choices],
            "explanation": explanation,
            "lesson": lesson,
        },
    }


def multiple(key, lesson, prompt, choices, explanation):
    """choices: (text, is_right); the learner must tick every right one and no other."""
    return {**single(key, lesson, prompt, choices, explanation), "type": "multiple_choice"}


def true_false(key, lesson, statement, is_true, explanation):
    return {
        "key": key,
        "type": "true_false",
        "value": {"statement": statement, "is_true": is_true, "explanation": explanation, "lesson": lesson},
    }


def scam_or_safe(key, lesson, channel, sender, message, is_scam, signs, explanation):
    """signs: (what the learner may notice, is a real warning sign)."""
    return {
        "key": key,
        "type": "scam_or_safe",
        "value": {
            "channel": channel,
            "sender": sender,
            "message": message,
            "is_scam": is_scam,
            "signs": [{"text": text, "is_red_flag": flag} for text, flag in signs],
            "explanation": explanation,
            "lesson": lesson,
        },
    }


INTRO = (
    "Mỗi màn hình một câu hỏi. Trả lời xong, bạn xem ngay lời giải thích và bài học nói về điều đó. "
    "Sai cũng không sao: bạn làm lại được bao nhiêu lần cũng được."
)

E_SERVICES = {
    "course": "dich-vu-cong-truc-tuyen",
    "slug": "bai-kiem-tra",
    "title": "Bài kiểm tra: VNeID, Cổng Dịch vụ công và chữ ký số",
    "intro": "Kiểm tra xem bạn đã nắm cách dùng VNeID, nộp hồ sơ trực tuyến và chữ ký số chưa. " + INTRO,
    "pass_percent": 70,
    "questions": [
        single(
            "cai-vneid",
            "vneid-la-gi",
            "Nên cài ứng dụng VNeID từ đâu?",
            [
                ("Từ đường link người khác gửi qua Zalo", False),
                ("Từ CH Play (Android) hoặc App Store (iPhone)", True),
                ("Từ tệp .apk gửi qua tin nhắn", False),
            ],
            "Chỉ tải VNeID trên CH Play hoặc App Store. Ứng dụng giả gửi qua đường link hay tệp .apk có thể đọc "
            "trộm mã OTP và lấy tiền trong tài khoản ngân hàng của bạn.",
        ),
        true_false(
            "mot-so-mot-tai-khoan",
            "vneid-la-gi",
            "Một số điện thoại có thể gắn với nhiều tài khoản VNeID.",
            False,
            "Sai. Mỗi số điện thoại chỉ gắn được với một tài khoản VNeID. Hãy dùng số điện thoại chính chủ của "
            "bạn, đừng dùng chung số của con cháu.",
        ),
        single(
            "lam-muc-2",
            "dinh-danh-muc-1-muc-2",
            "Muốn có tài khoản định danh điện tử mức 2, bạn làm thế nào?",
            [
                ("Nhờ người gọi điện đến “kích hoạt giúp” qua điện thoại", False),
                ("Gửi ảnh thẻ căn cước cho người nhắn tin hỗ trợ trên Zalo", False),
                ("Đến công an xã/phường nơi bạn ở để làm trực tiếp", True),
            ],
            "Mức 2 chỉ làm trực tiếp tại công an xã/phường, mang theo thẻ căn cước gắn chip; hỏi công an "
            "xã/phường giấy tờ cần mang hiện nay. Không ai làm mức 2 hộ bạn qua điện thoại: người lạ đòi "
            "“kích hoạt giúp” là lừa đảo.",
        ),
        scam_or_safe(
            "zalo-muc-3",
            "dinh-danh-muc-1-muc-2",
            "zalo",
            "Công an phường hỗ trợ",
            "Định danh của anh bị lỗi, cần nâng lên mức 3. Tải VNeID mới tại link (.apk) rồi quét khuôn mặt.",
            True,
            [
                ("Bảo phải nâng lên “mức 3”", True),
                ("Gửi tệp .apk để cài VNeID", True),
                ("Đòi quét khuôn mặt trong ứng dụng vừa cài", True),
                ("Tin nhắn viết có dấu, đúng chính tả", False),
            ],
            "Lừa đảo. Không có tài khoản định danh mức 3: chỉ có mức 1 và mức 2. VNeID chỉ cài từ CH Play hoặc "
            "App Store, không cài từ tệp .apk. Mức 2 làm trực tiếp tại công an xã/phường. Ứng dụng giả có thể "
            "đọc trộm mã OTP và rút sạch tiền trong tài khoản.",
        ),
        multiple(
            "vneid-lam-duoc-gi",
            "vneid-vi-giay-to-bhyt",
            "Những việc nào bạn làm được trong ứng dụng VNeID? Chọn tất cả các ý đúng.",
            [
                ("Giữ thẻ căn cước, giấy phép lái xe trong mục Ví giấy tờ", True),
                ("Làm tài khoản mức 2 mà không cần đến công an xã/phường", False),
                ("Thêm thẻ bảo hiểm y tế", True),
                ("Tố giác tội phạm mà vẫn được giữ kín danh tính", True),
            ],
            "VNeID giữ giấy tờ trong Ví giấy tờ, thêm được thẻ bảo hiểm y tế (Ví giấy tờ → Tích hợp thông tin) "
            "và có mục Tố giác tội phạm, giữ kín người báo. Còn tài khoản mức 2 thì phải làm trực tiếp tại công "
            "an xã/phường.",
        ),
        true_false(
            "bhyt-giay",
            "vneid-vi-giay-to-bhyt",
            "Từ ngày 1/6/2025, không cấp mới thẻ bảo hiểm y tế bằng giấy nữa.",
            True,
            "Đúng. Từ 1/6/2025 không cấp mới thẻ bảo hiểm y tế bằng giấy. Thêm thẻ vào VNeID (Ví giấy tờ → Tích "
            "hợp thông tin) để dùng khi đi khám bệnh.",
        ),
        single(
            "mot-cong-dich-vu-cong",
            "nop-ho-so-cong-dich-vu-cong",
            "Từ ngày 1/7/2025, bạn nộp hồ sơ thủ tục trực tuyến ở đâu?",
            [
                ("Trang web có đường link gửi qua tin nhắn lạ", False),
                ("Nhóm Zalo của người lạ nhận làm thủ tục hộ", False),
                ("Cổng Dịch vụ công quốc gia: dichvucong.gov.vn, đăng nhập bằng VNeID", True),
            ],
            "Từ 1/7/2025 mọi thủ tục có chung một địa chỉ: dichvucong.gov.vn. Cổng tự chuyển hồ sơ đến trung "
            "tâm phục vụ hành chính công phụ trách. Bạn đăng nhập bằng tài khoản VNeID.",
        ),
        multiple(
            "lien-thong-khai-sinh",
            "nop-ho-so-cong-dich-vu-cong",
            "Thủ tục liên thông cho trẻ dưới 6 tuổi làm cùng một lần những việc nào? Chọn tất cả các ý đúng.",
            [
                ("Đăng ký khai sinh", True),
                ("Cấp hộ chiếu", False),
                ("Đăng ký thường trú", True),
                ("Cấp thẻ bảo hiểm y tế", True),
            ],
            "Thủ tục liên thông gồm ba việc: đăng ký khai sinh, đăng ký thường trú và cấp thẻ bảo hiểm y tế "
            "cho trẻ dưới 6 tuổi. Nộp trên Cổng Dịch vụ công hoặc trong VNeID; thường mất 3 ngày làm việc, "
            "hoặc 5 ngày nếu cần xác minh.",
        ),
        scam_or_safe(
            "sms-hen-khai-sinh",
            "nop-ho-so-cong-dich-vu-cong",
            "sms",
            "DICHVUCONG",
            "(Hôm qua bạn vừa nộp hồ sơ khai sinh cho con trên Cổng Dịch vụ công.) Ho so dang ky khai sinh so "
            "... da duoc tiep nhan. Ngay hen tra: 04/09/2025. Tra cuu tai Cong DVC quoc gia hoac VNeID.",
            False,
            [
                ("Có số hồ sơ và ngày hẹn trả kết quả", False),
                ("Không có đường link nào", False),
                ("Không đòi chuyển tiền", False),
            ],
            "An toàn. Tin khớp với hồ sơ chính bạn vừa nộp, không có đường link, không đòi tiền. Cổng Dịch vụ "
            "công có gửi giấy hẹn qua tin nhắn SMS. Muốn xem hồ sơ, bạn tự mở VNeID hoặc dichvucong.gov.vn. "
            "Tin nhắn nào đòi bấm link hay chuyển khoản thì hãy cảnh giác.",
        ),
        true_false(
            "chu-ky-so-vneid",
            "chu-ky-so",
            "Từ ngày 22/5/2025, người dân có thể đăng ký chứng thư chữ ký số ngay trong VNeID.",
            True,
            "Đúng. Từ 22/5/2025 người dân đăng ký được chứng thư chữ ký số trong VNeID, qua Cổng ký số tập "
            "trung của Bộ Công an (đang thí điểm).",
        ),
        single(
            "ky-ho",
            "chu-ky-so",
            "Có người nhắn: “Đọc mã OTP cho tôi, tôi ký số hộ bạn cho nhanh.” Bạn làm gì?",
            [
                ("Đọc mã OTP cho họ để được ký nhanh", False),
                ("Không đưa mật khẩu, mã OTP cho ai", True),
                ("Gửi ảnh thẻ căn cước để họ ký thay", False),
            ],
            "Chữ ký số cũng như chữ ký tay của bạn: không đưa mật khẩu, mã OTP cho ai để “ký hộ”.",
        ),
    ],
}

LAW = {
    "course": "luat-an-ninh-mang-du-lieu-ca-nhan",
    "slug": "bai-kiem-tra",
    "title": "Bài kiểm tra: Luật An ninh mạng và bảo vệ dữ liệu cá nhân",
    "intro": "Kiểm tra xem bạn đã biết những việc luật cấm làm trên mạng và quyền của bạn với thông tin cá "
    "nhân chưa. " + INTRO,
    "pass_percent": 70,
    "questions": [
        single(
            "tin-chua-kiem-chung",
            "luat-an-ninh-mang-2018",
            "Bạn đọc trên Facebook một tin làm mọi người hoang mang, chưa biết thật hay giả. Bạn nên làm gì?",
            [
                ("Chưa chắc thì không chia sẻ; hỏi cán bộ thôn, xã hoặc người bạn tin cậy", True),
                ("Chia sẻ ngay cho bà con cùng biết", False),
                ("Bình luận thật nhiều để tin lan nhanh hơn", False),
            ],
            "Luật An ninh mạng 2018 (Điều 8) cấm đưa tin sai sự thật gây hoang mang. Dừng lại, xem tin từ đâu "
            "ra; chưa chắc chắn thì không chia sẻ.",
        ),
        multiple(
            "dieu-8-bi-cam",
            "luat-an-ninh-mang-2018",
            "Theo Luật An ninh mạng 2018, những việc nào bị cấm trên mạng? Chọn tất cả các ý đúng.",
            [
                ("Đưa tin sai sự thật gây hoang mang", True),
                ("Hỏi cán bộ xã để kiểm tra một tin", False),
                ("Xúc phạm tôn giáo", True),
                ("Xúi giục người khác phạm tội", True),
            ],
            "Điều 8 Luật An ninh mạng 2018 nêu 6 nhóm hành vi bị nghiêm cấm, trong đó có đưa tin sai sự thật "
            "gây hoang mang, xúc phạm tôn giáo, xúi giục phạm tội. Hỏi cán bộ để kiểm tra tin là việc nên làm.",
        ),
        true_false(
            "bo-cong-an-a05",
            "luat-an-ninh-mang-2018",
            "Từ ngày 1/3/2025, việc bảo đảm an toàn thông tin mạng thuộc Bộ Công an.",
            True,
            "Đúng. Từ 1/3/2025 việc này thuộc Bộ Công an, do Cục An ninh mạng và phòng, chống tội phạm sử dụng "
            "công nghệ cao (A05) phụ trách. Trước đó việc này thuộc Bộ Thông tin và Truyền thông.",
        ),
        single(
            "luat-2025-hieu-luc",
            "luat-an-ninh-mang-2025",
            "Luật An ninh mạng 2025 có hiệu lực từ ngày nào?",
            [
                ("Ngày 1/1/2019", False),
                ("Ngày 1/7/2026", True),
                ("Ngày 10/12/2025", False),
            ],
            "Luật An ninh mạng 2025, số 116/2025/QH15, được Quốc hội thông qua ngày 10/12/2025 và có hiệu lực "
            "từ ngày 1/7/2026. Luật gộp Luật An ninh mạng 2018 và Luật An toàn thông tin mạng 2015 thành một "
            "luật. Ngày 1/1/2019 là ngày luật cũ năm 2018 có hiệu lực.",
        ),
        true_false(
            "cam-ai-lam-gia",
            "luat-an-ninh-mang-2025",
            "Luật An ninh mạng 2025 cấm dùng trí tuệ nhân tạo (AI) làm giả video, hình ảnh, giọng nói của người khác.",
            True,
            "Đúng. Điều 7, khoản 2, điểm g cấm dùng AI để làm giả video, hình ảnh hoặc giọng nói của người khác, "
            "và cấm phát tán những thứ làm giả đó.",
        ),
        scam_or_safe(
            "video-gia-con-trai",
            "luat-an-ninh-mang-2025",
            "zalo",
            "“Con trai”",
            "(Sau cuộc gọi video 8 giây, hình mờ, bị ngắt vì “mạng yếu”) Mẹ ơi con bị tai nạn, mẹ chuyển gấp "
            "20 triệu vào tài khoản bạn con, đừng gọi lại.",
            True,
            [
                ("Cuộc gọi video rất ngắn, hình mờ", True),
                ("Bảo chuyển tiền vào tài khoản người khác", True),
                ("Dặn “đừng gọi lại”", True),
                ("Tin nhắn gọi “Mẹ ơi” như mọi khi", False),
            ],
            "Lừa đảo. Kẻ gian có thể dùng máy tính làm giả hình ảnh, giọng nói giống hệt người thân. Cuộc gọi "
            "ngắn, hình mờ, xin tiền gấp vào tài khoản người khác, dặn đừng gọi lại là dấu hiệu lừa đảo. Tắt "
            "máy, tự gọi vào số điện thoại quen của con để hỏi.",
        ),
        multiple(
            "quyen-du-lieu",
            "quyen-ve-du-lieu-ca-nhan",
            "Theo Luật Bảo vệ dữ liệu cá nhân, bạn có những quyền nào với thông tin của mình? Chọn tất cả các ý đúng.",
            [
                ("Được biết thông tin của mình được dùng thế nào", True),
                ("Đồng ý, từ chối, hoặc rút lại sự đồng ý", True),
                ("Bắt người khác đưa thông tin riêng của họ cho mình", False),
                ("Xem, sửa và yêu cầu xoá thông tin của mình", True),
            ],
            "Điều 4 của Luật cho bạn quyền được biết, đồng ý hay từ chối, rút lại sự đồng ý, xem và sửa, yêu "
            "cầu xoá, khiếu nại, khởi kiện. Bạn cũng phải tôn trọng dữ liệu của người khác.",
        ),
        true_false(
            "anh-can-cuoc-mang-xa-hoi",
            "quyen-ve-du-lieu-ca-nhan",
            "Mạng xã hội được đòi ảnh chụp thẻ căn cước của bạn để xác thực tài khoản.",
            False,
            "Sai. Mạng xã hội không được đòi ảnh chụp giấy tờ tùy thân để xác thực tài khoản, và không được "
            "đọc tin nhắn của bạn khi bạn chưa đồng ý. Không gửi ảnh thẻ căn cước cho người lạ hay trang lạ.",
        ),
        single(
            "cho-muon-tai-khoan",
            "mua-ban-du-lieu-bi-phat",
            "Có người rủ bạn cho mượn tài khoản ngân hàng, hứa trả tiền. Bạn làm gì?",
            [
                ("Đồng ý, vì được trả tiền", False),
                ("Cho mượn thẻ căn cước thay cho tài khoản", False),
                ("Từ chối; báo công an xã/phường nếu họ cứ gạ gẫm", True),
            ],
            "Luật Bảo vệ dữ liệu cá nhân cấm để người khác dùng dữ liệu của mình vào việc phạm pháp. Người cho "
            "kẻ xấu mượn tài khoản cũng có thể bị liên luỵ. Không mua bán, cho mượn căn cước, tài khoản ngân "
            "hàng.",
        ),
        true_false(
            "mua-ban-du-lieu-phat",
            "mua-ban-du-lieu-bi-phat",
            "Mua bán dữ liệu cá nhân chỉ bị nhắc nhở, không bị phạt tiền.",
            False,
            "Sai. Theo Điều 8 của Luật, mua bán dữ liệu cá nhân bị phạt đến 10 lần số tiền thu được (cá nhân "
            "bị phạt bằng một nửa mức của tổ chức), và còn có thể bị truy cứu trách nhiệm hình sự.",
        ),
    ],
}

SCAMS = {
    "course": "phong-chong-lua-dao-truc-tuyen",
    "slug": "bai-kiem-tra",
    "title": "Bài kiểm tra: Lừa đảo hay an toàn?",
    "intro": "Đọc từng tin nhắn, cuộc gọi như trên điện thoại của bạn: bấm vào những dấu hiệu đáng ngờ bạn "
    "thấy, rồi chọn lừa đảo hay an toàn. " + INTRO,
    "pass_percent": 70,
    "questions": [
        scam_or_safe(
            "goi-gia-cong-an",
            "gia-danh-cong-an-co-quan-nha-nuoc",
            "call",
            "Số lạ, tự xưng “cán bộ Công an thành phố”",
            "Tôi là cán bộ Công an thành phố. Bác liên quan đường dây rửa tiền, không được nói với con cháu. "
            "Bác chuyển tiền tiết kiệm vào tài khoản tạm giữ để kiểm tra.",
            True,
            [
                ("Công an làm việc qua điện thoại", True),
                ("Bắt giữ bí mật, không cho nói với con cháu", True),
                ("Đòi chuyển tiền vào “tài khoản tạm giữ”", True),
                ("Người gọi nói năng lịch sự, rõ ràng", False),
            ],
            "Lừa đảo. Công an không làm việc qua điện thoại và không bao giờ bắt chuyển tiền. Tắt máy, không "
            "chuyển tiền, kể cho con cháu và hỏi công an xã/phường.",
        ),
        single(
            "cong-an-moi-lam-viec",
            "gia-danh-cong-an-co-quan-nha-nuoc",
            "Khi cần bạn đến làm việc, công an mời bạn bằng cách nào?",
            [
                ("Gọi điện bắt chuyển tiền và giữ bí mật", False),
                ("Bằng giấy mời hoặc giấy triệu tập, đưa trực tiếp hoặc qua công an địa phương", True),
                ("Nhắn Zalo gửi đường link để cài ứng dụng", False),
            ],
            "Công an mời làm việc bằng giấy mời, giấy triệu tập, đưa trực tiếp hoặc qua công an địa phương. "
            "Công an không bao giờ bắt chuyển tiền hay cài ứng dụng.",
        ),
        true_false(
            "thue-gui-apk",
            "gia-danh-cong-an-co-quan-nha-nuoc",
            "Cơ quan thuế có thể gửi đường link hoặc tệp .apk để bạn cài lại ứng dụng eTax và nhận hoàn thuế.",
            False,
            "Sai. Cơ quan thuế không hỏi OTP, mật khẩu qua điện thoại và không gửi tệp .apk. Ứng dụng thật là "
            "eTax Mobile, chỉ cài từ kho ứng dụng. Giấy mời thật có số văn bản, chữ ký và con dấu.",
        ),
        scam_or_safe(
            "sms-khoa-tai-khoan",
            "tin-nhan-gia-ngan-hang-ma-otp",
            "sms",
            "VCB-Bank",
            "Tai khoan cua Quy khach se bi khoa sau 24h do chua cap nhat sinh trac hoc. Cap nhat: vcb-sinhtrachoc.top",
            True,
            [
                ("Tin nhắn ngân hàng có đường link", True),
                ("Hạn chót gấp gáp: “sau 24h”", True),
                ("Đuôi trang web lạ: .top", True),
                ("Tin nhắn viết không dấu", False),
            ],
            "Lừa đảo. Sinh trắc học chỉ cập nhật trong ứng dụng của chính ngân hàng hoặc tại quầy giao dịch, "
            "không qua đường link trong tin nhắn. Kẻ gian dùng trạm phát sóng giả nên tên người gửi có thể giống "
            "hệt tên ngân hàng. Không bấm link; tự mở ứng dụng ngân hàng hoặc gọi số tổng đài in trên thẻ.",
        ),
        scam_or_safe(
            "sms-otp-tu-chuyen",
            "tin-nhan-gia-ngan-hang-ma-otp",
            "sms",
            "Ngân hàng của bạn",
            "(Bạn vừa tự bấm “Chuyển tiền” trong ứng dụng ngân hàng của mình.) Ma OTP la 482917. KHONG cung "
            "cap ma nay cho bat ky ai.",
            False,
            [
                ("Tin nhắn có mã OTP", False),
                ("Dặn không đưa mã cho ai", False),
                ("Tin đến ngay sau khi chính bạn bấm chuyển tiền", False),
            ],
            "An toàn, vì chính bạn vừa bấm chuyển tiền. Chỉ nhập mã vào ứng dụng ngân hàng của bạn, không đọc "
            "cho ai. Nếu bạn không làm gì mà vẫn có mã OTP gửi đến: có người đang thử vào tài khoản của bạn, "
            "hãy gọi ngân hàng.",
        ),
        single(
            "ban-xin-ma-otp",
            "tin-nhan-gia-ngan-hang-ma-otp",
            "Một người bạn nhắn Messenger: “Mình lỡ gửi mã 6 số vào máy bạn, đọc lại giúp mình với.” Bạn làm gì?",
            [
                ("Đọc mã cho bạn, vì là người quen", False),
                ("Chụp tin nhắn có mã gửi cho bạn đó", False),
                ("Không đọc mã; gọi cho bạn đó bằng số quen để hỏi", True),
            ],
            "Đó là mã OTP. Kẻ gian dùng nó để gắn thẻ của bạn vào ví điện tử Apple, Google của chúng. Ngân hàng "
            "không bao giờ hỏi OTP; đừng đọc mã cho ai, kể cả người quen, vì tài khoản của họ có thể đã bị "
            "chiếm.",
        ),
        scam_or_safe(
            "goi-gia-dien-luc",
            "gia-nguoi-than-dien-luc-shipper",
            "call",
            "Người tự xưng “bên điện lực”",
            "Em bên điện lực. Nhà mình nợ 2 tháng, 8 giờ tối nay cắt điện. Chị kết bạn Zalo em gửi link cài app "
            "mới để thanh toán.",
            True,
            [
                ("Doạ cắt điện, có hạn chót", True),
                ("Dùng số điện thoại, Zalo cá nhân", True),
                ("Bảo cài ứng dụng qua đường link", True),
                ("Người gọi xưng “em”, nói lễ phép", False),
            ],
            "Lừa đảo. Ứng dụng thật của điện lực (ví dụ của EVNSPC) chỉ cài từ kho ứng dụng và không đòi quét "
            "khuôn mặt. Tắt máy, không cài gì qua link, kể cho con cháu nghe.",
        ),
        true_false(
            "lai-cam-ket",
            "viec-nhe-luong-cao-dau-tu-qua-tang",
            "Một nhóm hứa “lãi cam kết 30%/tháng”, tặng 2 triệu chơi thử và bảo tải ứng dụng qua link: đó là nơi "
            "đầu tư đáng tin.",
            False,
            "Sai. Hứa lãi chắc chắn, cho tiền “chơi thử”, bảo cài ứng dụng qua link: đó là lừa đảo. Sau đó "
            "chúng đòi “nâng cấp VIP” với số tiền rất lớn, doạ dẫm, và bạn không rút được tiền ra.",
        ),
        multiple(
            "viec-nhe-luong-cao",
            "viec-nhe-luong-cao-dau-tu-qua-tang",
            "Gặp lời mời làm “cộng tác viên” tại nhà: thả tim, đánh giá sản phẩm, được trả tiền. Bạn nên làm gì? "
            "Chọn tất cả các ý đúng.",
            [
                ("Nạp thêm tiền khi được báo “lỗi hệ thống” để mở khoá", False),
                ("Không nộp tiền trước để được nhận việc, nhận lương", True),
                ("Vào nhóm Telegram nhận nhiệm vụ cho nhanh", False),
                ("Kể cho con cháu hoặc cán bộ thôn nghe trước khi chuyển bất cứ khoản nào", True),
            ],
            "Không có việc thật nào bắt bạn nộp tiền để được nhận lương. Kẻ gian trả ít tiền thật lúc đầu để bạn "
            "tin, rồi bắt nạp thêm, rồi báo “lỗi hệ thống, nộp tiền để mở khoá”.",
        ),
        scam_or_safe(
            "qua-hai-quan",
            "viec-nhe-luong-cao-dau-tu-qua-tang",
            "facebook",
            "“Kỹ sư ở nước ngoài”, rồi “Hải quan sân bay”",
            "Một người quen trên Facebook được 3 tuần gửi “quà”. Sau đó “Hải quan sân bay” nhắn: Nộp 25 triệu "
            "phí thông quan vào tài khoản này.",
            True,
            [
                ("Quà từ người chưa từng gặp mặt", True),
                ("Đòi nộp phí vào một tài khoản", True),
            ],
            "Lừa đảo. Người chưa gặp mặt mà gửi quà rồi có người đòi nộp tiền để nhận là lừa đảo. Không nộp "
            "tiền, kể với con cháu.",
        ),
        multiple(
            "lo-chuyen-tien",
            "lo-bi-lua-lam-gi-bao-o-dau",
            "Lỡ chuyển tiền cho kẻ lừa đảo, bạn cần làm gì ngay? Chọn tất cả các ý đúng.",
            [
                ("Gọi ngay cho ngân hàng của bạn, nhờ dừng hoặc tra soát giao dịch", True),
                ("Chuyển thêm tiền vì kẻ gian hứa sẽ trả lại", False),
                ("Giữ tin nhắn, lịch sử cuộc gọi, lịch sử giao dịch", True),
                ("Xoá hết tin nhắn cho đỡ lo", False),
                ("Báo công an xã/phường nơi bạn ở", True),
            ],
            "Dừng chuyển tiền, gọi ngay ngân hàng (báo càng sớm, ngân hàng càng có thể giữ tài khoản nhận tiền), "
            "giữ bằng chứng, báo công an xã/phường, và báo cho người nhà biết.",
        ),
        single(
            "bao-cuoc-goi-lua-dao",
            "lo-bi-lua-lam-gi-bao-o-dau",
            "Muốn báo một cuộc gọi lừa đảo, bạn gọi số nào?",
            [
                ("Số lạ vừa gọi cho bạn", False),
                ("Số của người hứa “lấy lại tiền giúp” nhưng đòi phí trước", False),
                ("Số 156", True),
            ],
            "Gọi 156 để báo cuộc gọi lừa đảo, hoặc nhắn tin miễn phí đến 5656: V [số điện thoại] [nội dung]. "
            "Khi khẩn cấp, gọi 113. Ai hứa “lấy lại tiền giúp” mà đòi phí trước là kẻ lừa đảo.",
        ),
    ],
}

MOVEMENT = {
    "course": "binh-dan-hoc-vu-so",
    "slug": "bai-kiem-tra",
    "title": "Bài kiểm tra: Bình dân học vụ số",
    "intro": "Kiểm tra xem bạn đã biết phong trào Bình dân học vụ số và nơi học chính thức chưa. " + INTRO,
    "pass_percent": 70,
    "questions": [
        single(
            "phuong-cham",
            "phong-trao-binh-dan-hoc-vu-so",
            "Phương châm của phong trào Bình dân học vụ số là gì?",
            [
                ("Chỉ dành cho người trẻ biết dùng máy tính", False),
                ("Toàn dân, toàn diện, không ai bị bỏ lại phía sau", True),
                ("Ai giỏi thì học trước, người khác học sau", False),
            ],
            "Phương châm là “toàn dân, toàn diện, không ai bị bỏ lại phía sau”. Người yếu thế được ưu tiên trước.",
        ),
        true_false(
            "binh-dan-hoc-vu-1945",
            "phong-trao-binh-dan-hoc-vu-so",
            "Năm 1945, phong trào Bình dân học vụ giúp hơn 2,5 triệu người biết đọc, biết viết chỉ trong một năm.",
            True,
            "Đúng. Phong trào Bình dân học vụ số ngày nay học theo tinh thần ấy: giúp mọi người dân có kỹ năng "
            "số cơ bản.",
        ),
        true_false(
            "phat-dong",
            "phong-trao-binh-dan-hoc-vu-so",
            "Phong trào Bình dân học vụ số được phát động ngày 26/3/2025 tại Đại học Bách khoa Hà Nội.",
            True,
            "Đúng. Phong trào được phát động ngày 26/3/2025 tại Đại học Bách khoa Hà Nội, với Thủ tướng Phạm "
            "Minh Chính. Tổng Bí thư Tô Lâm kêu gọi phong trào từ tháng 11/2024.",
        ),
        multiple(
            "ai-giup-hoc",
            "phong-trao-binh-dan-hoc-vu-so",
            "Ở thôn, xã, ai giúp bà con học kỹ năng số? Chọn tất cả các ý đúng.",
            [
                ("Tổ công nghệ số cộng đồng", True),
                ("Người lạ nhắn tin mời học rồi đòi chuyển khoản", False),
                ("Các “Đại sứ số” và đoàn viên thanh niên", True),
            ],
            "Tổ công nghệ số cộng đồng và các “Đại sứ số” giúp bà con, theo tinh thần “đi từng ngõ, gõ từng nhà, "
            "hướng dẫn từng người”. Người lạ nhắn tin đòi chuyển khoản thì đừng tin.",
        ),
        single(
            "ngay-chuyen-doi-so",
            "phong-trao-binh-dan-hoc-vu-so",
            "Ngày Chuyển đổi số quốc gia là ngày nào?",
            [
                ("Ngày 26/3", False),
                ("Ngày 1/1", False),
                ("Ngày 10/10", True),
            ],
            "Ngày 10/10 là Ngày Chuyển đổi số quốc gia; nhiều hoạt động của phong trào gắn với ngày này. Ngày "
            "26/3/2025 là ngày phát động phong trào.",
        ),
        scam_or_safe(
            "zalo-lich-hoc-thon",
            "phong-trao-binh-dan-hoc-vu-so",
            "zalo",
            "Tổ công nghệ số cộng đồng thôn",
            "Tối thứ Bảy này có lớp Bình dân học vụ số ở nhà văn hoá thôn. Bà con mang theo điện thoại của mình "
            "để học và bấm thử ngay trên máy.",
            False,
            [
                ("Không có đường link", False),
                ("Không đòi tiền, mã OTP hay mật khẩu", False),
                ("Hẹn học trực tiếp ở nhà văn hoá thôn", False),
            ],
            "An toàn. Tin chỉ báo lịch học: không có đường link, không đòi tiền, mã OTP hay thông tin riêng, hẹn "
            "gặp trực tiếp ở thôn. Tổ công nghệ số cộng đồng ở thôn giúp bà con học. Chưa chắc thì hỏi trực tiếp "
            "đoàn viên thanh niên ở thôn.",
        ),
        single(
            "nen-tang-chinh-thuc",
            "hoc-va-nhan-chung-nhan-ky-nang-so",
            "Nền tảng học chính thức của phong trào ở địa chỉ nào?",
            [
                ("binhdanhocvuso.gov.vn", True),
                ("Trang có tên gần giống, gửi qua tin nhắn lạ", False),
                ("Bất kỳ trang nào có chữ “học vụ số”", False),
            ],
            "Nền tảng chính thức là binhdanhocvuso.gov.vn, do Bộ Công an xây dựng và vận hành cùng Đại học Bách "
            "khoa Hà Nội, liên kết với VNeID. Trang thật có đuôi .gov.vn; cẩn thận với trang giả có tên gần giống.",
        ),
        true_false(
            "chung-nhan-tren-vneid",
            "hoc-va-nhan-chung-nhan-ky-nang-so",
            "Chứng nhận kỹ năng số của bạn được ghi trên VNeID.",
            True,
            "Đúng. Chứng nhận kỹ năng số được ghi trên VNeID. Nhiều tỉnh đặt mục tiêu đến năm 2026 mọi người "
            "trưởng thành đều được chứng nhận.",
        ),
        multiple(
            "chuan-bi-hoc",
            "hoc-va-nhan-chung-nhan-ky-nang-so",
            "Chuẩn bị để học trên nền tảng Bình dân học vụ số, bạn làm những gì? Chọn tất cả các ý đúng.",
            [
                ("Cài VNeID từ CH Play hoặc App Store", True),
                ("Cài VNeID từ đường link người lạ gửi", False),
                ("Gõ đúng địa chỉ binhdanhocvuso.gov.vn trên trình duyệt", True),
            ],
            "Cài VNeID từ CH Play hoặc App Store, không cài từ link. Gõ đúng địa chỉ binhdanhocvuso.gov.vn. Chưa "
            "biết làm thì nhờ tổ công nghệ số cộng đồng hoặc đoàn viên thanh niên hướng dẫn.",
        ),
    ],
}

QUIZZES = [E_SERVICES, LAW, SCAMS, MOVEMENT]
