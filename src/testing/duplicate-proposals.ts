import type { DuplicateCandidateInput } from '../domain/problems/find-duplicates.ts';

/**
 * Test data for measuring duplicate detection: proposals written for this project (not from any
 * plan), as different wards would word the same trouble. `cluster` labels the true duplicates —
 * proposals of one cluster describe one problem; a cluster of one is a proposal with no duplicate,
 * several of them near-misses in the same field as a real cluster.
 */
export interface LabelledProposal extends DuplicateCandidateInput {
  cluster: string;
}

const p = (code: string, cluster: string, fields: DuplicateCandidateInput['fields'], name: string, problem: string, managementNeed: string): LabelledProposal =>
  ({ code, cluster, fields, name, problem, managementNeed });

export const LABELLED_PROPOSALS: readonly LabelledProposal[] = [
  // Flooding after heavy rain.
  p('D01', 'ngap', ['environment'], 'Ngập úng cục bộ sau mưa lớn', 'Mỗi trận mưa lớn, các tuyến phố thấp trũng bị ngập sâu 30–50 cm trong nhiều giờ, xe chết máy, nước tràn vào nhà dân.', 'Biết trước điểm nào sẽ ngập để bố trí lực lượng ứng trực và cảnh báo người dân.'),
  p('D02', 'ngap', ['environment', 'urban_management'], 'Tình trạng ngập nước đường phố khi mưa to', 'Khi mưa to kéo dài, nước không thoát kịp, nhiều ngõ và đường nội phường ngập, giao thông tê liệt.', 'Cần dự báo điểm ngập và thời gian rút nước để điều phối xử lý kịp thời.'),
  p('D03', 'ngap', ['environment'], 'Điểm ngập úng trong mùa mưa bão', 'Mùa mưa bão, khu dân cư ven kênh thường xuyên ngập úng, rác làm tắc cửa thu nước, ngập kéo dài.', 'Theo dõi mực nước và cảnh báo sớm ngập úng cho từng khu dân cư.'),
  // Sidewalks taken by trading and parking.
  p('D04', 'via-he', ['urban_management'], 'Lấn chiếm vỉa hè để buôn bán, trông giữ xe', 'Hộ kinh doanh bày hàng, để xe máy kín vỉa hè, người đi bộ phải xuống lòng đường; xử lý xong lại tái diễn.', 'Phát hiện và theo dõi các điểm lấn chiếm vỉa hè tái diễn để xử lý dứt điểm.'),
  p('D05', 'via-he', ['urban_management'], 'Tái lấn chiếm vỉa hè, lòng đường', 'Sau các đợt ra quân, vỉa hè tại các tuyến phố thương mại lại bị chiếm làm nơi bán hàng và đỗ xe.', 'Cần nắm được điểm nào bị tái lấn chiếm vỉa hè, vào giờ nào, để phân công kiểm tra.'),
  p('D06', 'via-he', ['urban_management'], 'Trật tự vỉa hè các tuyến phố chính', 'Vỉa hè bị quán ăn, cửa hàng lấn chiếm, bày bàn ghế; lực lượng trật tự đô thị mỏng, không kiểm soát hết.', 'Giám sát vỉa hè theo tuyến phố và thống kê các vi phạm lấn chiếm lặp lại.'),
  // Follow-up of chronic patients (hypertension, diabetes) at home.
  p('D07', 'benh-man-tinh', ['health'], 'Quản lý người bệnh tăng huyết áp, đái tháo đường tại cộng đồng', 'Trạm y tế quản lý hàng nghìn người bệnh mạn tính nhưng nhiều người bỏ tái khám, không uống thuốc đều.', 'Theo dõi người bệnh mạn tính bỏ tái khám và nhắc họ kịp thời.'),
  p('D08', 'benh-man-tinh', ['health'], 'Người cao tuổi mắc bệnh mạn tính bỏ điều trị', 'Nhiều người cao tuổi bị tăng huyết áp, tiểu đường không tái khám định kỳ, trạm y tế không nắm được tình trạng.', 'Cần danh sách người bệnh mạn tính có nguy cơ bỏ điều trị để cán bộ y tế đến thăm.'),
  p('D09', 'benh-man-tinh', ['health'], 'Theo dõi điều trị bệnh không lây nhiễm', 'Sổ quản lý bệnh không lây nhiễm (huyết áp, đường huyết) ghi tay, không biết ai đã lâu không tái khám.', 'Nắm được người bệnh tăng huyết áp, đái tháo đường quá hạn tái khám.'),
  // First-grade enrolment overload.
  p('D10', 'tuyen-sinh', ['education'], 'Quá tải tuyển sinh lớp 1', 'Số trẻ đến tuổi vào lớp 1 tăng nhanh, trường tiểu học công lập không đủ chỗ, phụ huynh xếp hàng nộp hồ sơ.', 'Dự báo số trẻ vào lớp 1 theo từng tổ dân phố để phân tuyến tuyển sinh hợp lý.'),
  p('D11', 'tuyen-sinh', ['education'], 'Thiếu chỗ học cho trẻ vào lớp 1', 'Mùa tuyển sinh đầu cấp, trường tiểu học trên địa bàn nhận quá chỉ tiêu, sĩ số lớp vượt quy định.', 'Cần biết trước số trẻ sẽ vào lớp 1 để chuẩn bị chỗ học và phân tuyến.'),
  // Resident records that disagree between registers.
  p('D12', 'du-lieu-dan-cu', ['administrative_data'], 'Dữ liệu dân cư sai lệch giữa các sổ quản lý', 'Thông tin nhân khẩu trong sổ hộ tịch, danh sách bảo trợ xã hội và dữ liệu dân cư không khớp nhau.', 'Đối chiếu và làm sạch dữ liệu nhân khẩu giữa các sổ quản lý.'),
  p('D13', 'du-lieu-dan-cu', ['administrative_data'], 'Thông tin nhân khẩu không thống nhất', 'Cùng một công dân nhưng năm sinh, địa chỉ ghi khác nhau giữa danh sách chính sách và dữ liệu dân cư.', 'Có cách phát hiện bản ghi nhân khẩu sai lệch để cập nhật thống nhất.'),
  p('D14', 'du-lieu-dan-cu', ['administrative_data', 'other'], 'Làm sạch dữ liệu dân cư phục vụ chi trả chính sách', 'Khi chi trả trợ cấp, phát hiện người đã chuyển đi hoặc đã mất vẫn có tên; dữ liệu dân cư không khớp danh sách.', 'Đối chiếu dữ liệu dân cư với danh sách hưởng chính sách trước mỗi kỳ chi trả.'),
  // Household waste sorting.
  p('D15', 'phan-loai-rac', ['environment'], 'Phân loại rác thải sinh hoạt tại nguồn chưa hiệu quả', 'Hộ gia đình vẫn bỏ chung rác hữu cơ và rác tái chế; xe thu gom cũng đổ chung nên người dân nản.', 'Đánh giá được tỷ lệ hộ phân loại rác tại nguồn và khu vực nào chưa làm.'),
  p('D16', 'phan-loai-rac', ['environment'], 'Người dân chưa phân loại rác sinh hoạt', 'Dù đã tuyên truyền, phần lớn hộ dân không phân loại rác thải sinh hoạt, rác hữu cơ lẫn nhựa, túi ni lông.', 'Theo dõi việc phân loại rác tại nguồn của từng tổ dân phố.'),
  p('D17', 'phan-loai-rac', ['environment'], 'Thu gom rác đã phân loại', 'Tổ dân phố thí điểm phân loại rác nhưng khâu thu gom không tách riêng, kết quả phân loại tại nguồn không duy trì được.', 'Cần cách tổ chức thu gom phù hợp với rác đã phân loại tại nguồn.'),
  // Illegal construction found late.
  p('D18', 'xay-dung', ['urban_management'], 'Phát hiện chậm công trình xây dựng sai phép', 'Nhiều công trình xây thêm tầng, cơi nới sai phép chỉ bị phát hiện khi đã hoàn thiện, khó xử lý.', 'Phát hiện sớm công trình xây dựng không phép, sai phép ngay khi khởi công.'),
  p('D19', 'xay-dung', ['urban_management'], 'Vi phạm trật tự xây dựng không được phát hiện kịp thời', 'Cán bộ địa chính – xây dựng ít, địa bàn rộng; nhà xây sai phép, không phép hoàn thành rồi mới bị báo.', 'Cần theo dõi trật tự xây dựng để phát hiện vi phạm từ giai đoạn đầu.'),
  // Dengue.
  p('D20', 'sot-xuat-huyet', ['health'], 'Phòng chống dịch sốt xuất huyết', 'Mỗi mùa mưa số ca sốt xuất huyết tăng, ổ dịch phát hiện muộn, phun hóa chất không kịp.', 'Phát hiện sớm ổ dịch sốt xuất huyết theo tổ dân phố.'),
  p('D21', 'sot-xuat-huyet', ['health'], 'Ổ dịch sốt xuất huyết phát hiện muộn', 'Ca bệnh sốt xuất huyết được báo về trạm y tế chậm vài ngày, dịch đã lan sang nhiều hộ xung quanh.', 'Cần nắm tình hình ca bệnh sốt xuất huyết hằng ngày để khoanh vùng ổ dịch.'),
  // Overdue land and construction dossiers.
  p('D22', 'ho-so-tre-han', ['administrative_data'], 'Hồ sơ thủ tục hành chính đất đai trễ hạn', 'Hồ sơ cấp giấy chứng nhận quyền sử dụng đất thường trễ hạn vì phải tra cứu hồ sơ địa chính giấy.', 'Biết hồ sơ đất đai nào sắp trễ hạn và vướng ở khâu nào.'),
  p('D23', 'ho-so-tre-han', ['administrative_data'], 'Giải quyết hồ sơ cấp giấy chứng nhận đất chậm', 'Tỷ lệ hồ sơ đất đai giải quyết quá hạn cao, người dân phải đi lại nhiều lần.', 'Theo dõi tiến độ từng hồ sơ đất đai để không trễ hạn.'),
  // Straw burning smoke.
  p('D24', 'dot-rom', ['environment'], 'Khói đốt rơm rạ sau thu hoạch', 'Sau mỗi vụ gặt, nông dân đốt rơm rạ ngoài đồng, khói bao trùm khu dân cư và đường giao thông.', 'Phát hiện điểm đốt rơm rạ và hướng dẫn xử lý rơm sau thu hoạch.'),
  p('D25', 'dot-rom', ['environment'], 'Ô nhiễm không khí do đốt rơm rạ ngoài đồng', 'Mùa thu hoạch lúa, việc đốt rơm rạ gây ô nhiễm không khí, ảnh hưởng sức khỏe người dân trong xã.', 'Giảm tình trạng đốt rơm rạ, theo dõi được nơi đốt.'),
  // Proposals with no duplicate; several are near-misses in a field that has a real cluster.
  p('D26', 'tieng-on', ['environment'], 'Tiếng ồn từ hát karaoke ban đêm', 'Các hộ hát karaoke ngoài trời sau 22 giờ, người dân phản ánh nhiều lần, khó xác định mức ồn.', 'Đo và ghi nhận được mức ồn vượt quy chuẩn để xử lý.'),
  p('D27', 'nuoc-song', ['environment'], 'Nước thải làng nghề làm ô nhiễm sông', 'Các cơ sở nhuộm, tái chế trong làng nghề xả nước thải thẳng ra sông, nước đen và bốc mùi.', 'Giám sát chất lượng nước sông và nguồn xả của làng nghề.'),
  p('D28', 'cay-do', ['environment', 'urban_management'], 'Cây xanh đô thị gãy đổ khi giông bão', 'Nhiều cây cổ thụ mục rỗng bên trong, gãy đổ khi có gió mạnh, gây nguy hiểm cho người đi đường.', 'Đánh giá nguy cơ gãy đổ của từng cây xanh trên các tuyến phố.'),
  p('D29', 'chieu-sang', ['urban_management'], 'Đèn chiếu sáng công cộng hỏng lâu không sửa', 'Đèn đường trong ngõ hỏng nhiều tuần mới được thay, người dân phản ánh qua nhiều kênh khác nhau.', 'Nắm được đèn nào hỏng và thời gian khắc phục.'),
  p('D30', 'do-xe-ngo', ['urban_management'], 'Ô tô đỗ qua đêm chắn lối đi trong ngõ', 'Ngõ nhỏ có nhiều ô tô đỗ qua đêm, xe cứu hỏa và cứu thương không vào được khi có sự cố.', 'Bố trí điểm đỗ xe và giữ lối vào cho xe cứu hỏa trong ngõ.'),
  p('D31', 'cong-truong-hoc', ['urban_management', 'education'], 'Ùn tắc trước cổng trường giờ tan học', 'Phụ huynh dừng xe đón con dưới lòng đường trước cổng trường, gây ùn tắc kéo dài vào giờ tan học.', 'Tổ chức giao thông trước cổng trường vào giờ cao điểm đưa đón học sinh.'),
  p('D32', 'an-toan-thuc-pham', ['health'], 'An toàn thực phẩm tại hàng ăn đường phố', 'Nhiều hàng ăn vỉa hè không rõ nguồn gốc nguyên liệu, đã xảy ra ngộ độc thực phẩm tập thể.', 'Kiểm soát nguồn gốc thực phẩm của các hàng ăn đường phố.'),
  p('D33', 'tiem-chung', ['health'], 'Trẻ em bị lỡ lịch tiêm chủng', 'Gia đình chuyển chỗ ở, trẻ không được tiêm chủng đúng lịch, trạm y tế không biết để nhắc.', 'Phát hiện trẻ lỡ mũi tiêm để nhắc gia đình đưa đi tiêm bù.'),
  p('D34', 'suc-khoe-tam-than', ['health'], 'Người có rối loạn tâm thần sống một mình', 'Một số người có rối loạn tâm thần sống một mình, không ai theo dõi việc uống thuốc, có lúc gây mất an toàn.', 'Nắm danh sách và tình trạng người có rối loạn tâm thần tại cộng đồng.'),
  p('D35', 'bao-luc-hoc-duong', ['education'], 'Bạo lực học đường ngoài giờ học', 'Học sinh đánh nhau ngoài cổng trường, quay video đăng lên mạng; nhà trường biết khi sự việc đã lan rộng.', 'Phát hiện sớm mâu thuẫn giữa học sinh để can thiệp.'),
  p('D36', 'hoc-sinh-bo-hoc', ['education'], 'Học sinh trung học cơ sở bỏ học', 'Một số em ở các xã xa trung tâm nghỉ học giữa chừng để đi làm, nhà trường không nắm kịp.', 'Nhận biết sớm học sinh có nguy cơ bỏ học.'),
  p('D37', 'phan-anh', ['administrative_data'], 'Phản ánh của người dân trùng lặp qua nhiều kênh', 'Cùng một vụ việc được gửi qua đường dây nóng, mạng xã hội và văn bản, mỗi bộ phận xử lý riêng.', 'Gộp các phản ánh cùng vụ việc và theo dõi việc trả lời.'),
  p('D38', 'khai-sinh', ['administrative_data'], 'Đăng ký khai sinh muộn', 'Nhiều trẻ sinh ra ở bệnh viện ngoài địa bàn nhưng gia đình đăng ký khai sinh muộn nhiều tháng.', 'Biết trẻ sinh ra chưa được đăng ký khai sinh để nhắc gia đình.'),
  p('D39', 'ho-ngheo', ['administrative_data', 'other'], 'Rà soát hộ nghèo, cận nghèo hằng năm tốn công', 'Mỗi năm rà soát hộ nghèo bằng phiếu giấy, tổng hợp thủ công, số liệu giữa các thôn không đồng nhất.', 'Rút ngắn thời gian rà soát hộ nghèo và bảo đảm số liệu đúng.'),
  p('D40', 'nuoc-sach', ['environment', 'health'], 'Hộ dân chưa được dùng nước sạch', 'Một số thôn vẫn dùng nước giếng khoan nhiễm asen, người dân chưa biết chất lượng nước mình dùng.', 'Biết được thôn nào, hộ nào chưa có nước sạch đạt chuẩn.'),
  p('D41', 'ngap-ham', ['urban_management'], 'Hầm chui dân sinh ngập khi mưa', 'Hầm chui qua đường cao tốc đọng nước sau mưa, người đi xe máy bị kẹt, có nguy cơ tai nạn.', 'Cảnh báo người đi đường khi hầm chui bị ngập.'),
  p('D42', 'lop-hoc-them', ['education'], 'Dạy thêm, học thêm không đúng quy định', 'Có cơ sở dạy thêm tự phát trong khu dân cư, không đăng ký, phòng học chật, không bảo đảm an toàn phòng cháy.', 'Nắm danh sách cơ sở dạy thêm và kiểm tra điều kiện an toàn.'),
];
