package bank

import (
	"strings"
	"testing"
)

func TestSector(t *testing.T) {
	for _, c := range []struct {
		sentence string
		want     bool
	}{
		// banks in the plural: the sector
		{"2019年,全国12家主要银行绿色贷款余额持续增长,增量达9000亿元", true},
		{"全國銀行業金融機構新發放普惠貸款3萬億元", true},
		{"据统计,30家上市银行合计实现营收5万亿元", true},
		{"辖内金融机构累计为50万户小微企业减免费用8亿元", true},
		{"全省农商银行为农户授信4000亿元", true},
		{"当地多家银行推出专属产品,累计放款12亿元", true},
		{"今年以来,各银行共发放贷款80亿元", true},
		{"共有25家银行获批资格,其中8家为外资行", true},
		{"两家银行降低刷卡手续费,实行9折优惠", true},
		{"中國銀行業綠色信貸餘額位居全球首位,達到1750億美元", true},
		{"六大行手机银行客户数总计已超16亿户", true},
		{"国有大行普惠型小微企业贷款增速超过30%", true},
		{"该行作为六大行之一，发放贷款3亿元", false},
		// a regulator's statistics
		{"人民银行公布的数据显示，1月居民中长期贷款7424亿元", true},
		{"央行數據顯示,10月末人民幣貸款增加6000億元", true},
		{"据国家统计局统计,全年粮食产量1.3万亿斤", true},
		{"该行获得人民银行再贷款5亿元", false},
		{"获人民银行支农再贷款额度5亿元,惠及农户300户", false},
		{"该行向人民银行报送统计数据2000条", false},
		{"率先完成央行二代企业征信数据采集切换，向20万企业客户提供查询服务", false},
		// one bank
		{"该行联合多家银行发放银团贷款50亿元", false},
		{"本行手机银行业务用户达2000万户", false},
		{"手机银行业务全年交易笔数增长35%", false},
		{"作为一家银行,我们投放贷款20亿元", false},
		{"存贷款余额均居全市15家金融机构首位,各项贷款余额90亿元", false},
		{"成为全国首家推出此项服务的银行,服务客户3万户", false},
		{"全年投放贷款12亿元,惠及2000户农户", false},
		{"全市设立40个服务点", false},
		{"首家银行网点于2020年开业", false},
	} {
		if got := Sector(c.sentence); got != c.want {
			t.Errorf("Sector(%q) = %v, want %v", c.sentence, got, c.want)
		}
	}
}

// TestSectorPrefilter: SectorFolded gives up on a sentence with none of
// pluralCues, one of which every word for banks in the plural holds.
func TestSectorPrefilter(t *testing.T) {
	var words []string
	words = append(words, sectorWords...)
	words = append(words, bankWords...)
	words = append(words, "银行业")
	for _, w := range words {
		held := false
		for _, c := range pluralCues {
			held = held || strings.Contains(w, c)
		}
		if !held {
			t.Errorf("%q holds none of %q: SectorFolded's first test would miss it", w, pluralCues)
		}
	}
}
